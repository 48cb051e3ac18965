package dev.agentd.browser;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;

import dev.agentd.browser.page.ErrorKind;
import dev.agentd.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire shape of the trace (browser §8.1, §8.3). */
class TraceJsonTest {
    private static final SessionInfo SESSION = new SessionInfo(false, false, 1280, 720, "Chrome/126.0", 41877);

    @Test
    void failedTraceMatchesTheSpecExample() throws Exception {
        Trace trace = new Trace(false, List.of(
                new TraceStep(0, "navigate", true, 61,
                        null, Json.mapper().createObjectNode().put("url", "http://127.0.0.1:8123/links.html")
                                .put("title", "Links").put("status", 200)),
                new TraceStep(1, "click", false, 2,
                        new StepError(ErrorKind.ELEMENT_NOT_FOUND, "no current observation; run observe first"), null)),
                1, 2, "http://127.0.0.1:8123/links.html", "Links", null, SESSION, List.of(), 70);
        assertThatJson(Json.mapper().writeValueAsString(trace)).isEqualTo("""
                {"ok":false,
                 "steps":[
                  {"index":0,"op":"navigate","ok":true,"duration_ms":61,
                   "result":{"url":"http://127.0.0.1:8123/links.html","title":"Links","status":200}},
                  {"index":1,"op":"click","ok":false,"duration_ms":2,
                   "error":{"kind":"element_not_found","message":"no current observation; run observe first"}}],
                 "failed_step":1,"skipped":2,
                 "final_url":"http://127.0.0.1:8123/links.html","title":"Links","map_id":null,
                 "session":{"launched":false,"headed":false,"width":1280,"height":720,
                            "browser_version":"Chrome/126.0","pid":41877},
                 "duration_ms":70}""");
    }

    @Test
    void okTraceHasNoFailedStepAndWarningsOnlyWhenPresent() throws Exception {
        Trace trace = new Trace(true, List.of(), null, 0, "about:blank", "", "m3", SESSION,
                List.of("headed ignored: browser already running headless"), 5);
        assertThatJson(Json.mapper().writeValueAsString(trace)).isEqualTo("""
                {"ok":true,"steps":[],"skipped":0,"final_url":"about:blank","title":"","map_id":"m3",
                 "session":{"launched":false,"headed":false,"width":1280,"height":720,
                            "browser_version":"Chrome/126.0","pid":41877},
                 "warnings":["headed ignored: browser already running headless"],"duration_ms":5}""");
    }

    @Test
    void sessionLostErrorCarriesThePartialTrace() {
        Trace partial = new Trace(false, List.of(new TraceStep(0, "wait", false, 120,
                new StepError(ErrorKind.INTERNAL, "browser session lost: closed"), null)), 0, 0, "about:blank", "", null,
                SESSION, null, 130);
        BrowserSessionLostException e = new BrowserSessionLostException("closed", partial);
        assertThatJson(Json.mapper().valueToTree(e.error())).isEqualTo("""
                {"code":-32603,"message":"browser session lost: closed",
                 "data":{"trace":{"ok":false,"steps":[{"index":0,"op":"wait","ok":false,"duration_ms":120,
                   "error":{"kind":"internal","message":"browser session lost: closed"}}],
                   "failed_step":0,"skipped":0,"final_url":"about:blank","title":"","map_id":null,
                   "session":"${json-unit.ignore}","duration_ms":130}}}""");
    }
}
