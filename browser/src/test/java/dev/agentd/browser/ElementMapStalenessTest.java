package dev.agentd.browser;

import static dev.agentd.browser.testing.BrowserHarness.parse;
import static dev.agentd.browser.testing.BrowserHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.testing.FakeBrowserRig;
import dev.agentd.browser.testing.FakeCdpBrowser;
import dev.agentd.browser.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Element-id resolution and staleness (browser §6.3; check 12) against a fake CDP peer. */
class ElementMapStalenessTest {
    @TempDir
    Path dir;

    private FakeBrowserRig rig;
    private BrowserSlot slot;

    @BeforeEach
    void launch() throws Exception {
        rig = new FakeBrowserRig(dir);
        Fixtures.serve(rig.cdp, "form");
        slot = rig.slot();
    }

    @AfterEach
    void close() {
        slot.closeNow();
    }

    private JsonNode firstStep(String script) throws InterruptedException {
        return run(slot, "{\"script\":" + script + "}").path("steps").get(0);
    }

    private static String notFound(JsonNode step) {
        assertThat(step.path("ok").asBoolean()).isFalse();
        assertThat(step.path("error").path("kind").asText()).isEqualTo("element_not_found");
        return step.path("error").path("message").asText();
    }

    private void emit(String method, String paramsJson) {
        rig.cdp.emit(method, parse(paramsJson));
        rig.cdp.flush();
    }

    @Test
    void withoutAnObservationThereIsNoMap() throws Exception {
        assertThat(notFound(firstStep("[{\"op\":\"click\",\"element_id\":\"el_0\"}]")))
                .isEqualTo("no current observation; run observe first");
        assertThat(notFound(firstStep("[{\"op\":\"type\",\"element_id\":\"el_0\",\"text\":\"x\"}]")))
                .isEqualTo("no current observation; run observe first");
        assertThat(notFound(firstStep("[{\"op\":\"extract\",\"element_id\":\"el_0\"}]")))
                .isEqualTo("no current observation; run observe first");
        assertThat(notFound(firstStep("[{\"op\":\"scroll\",\"element_id\":\"el_0\",\"dy\":5}]")))
                .isEqualTo("no current observation; run observe first");
    }

    @Test
    void mapSurvivesCallsAndSameDocumentNavigationsButNotNewDocuments() throws Exception {
        JsonNode observed = run(slot, "{\"script\":[{\"op\":\"observe\"}]}");
        assertThat(observed.path("map_id").asText()).isEqualTo("m1");

        emit("Page.navigatedWithinDocument", "{\"frameId\":\"T1\",\"url\":\"http://x/form.html#top\"}");
        JsonNode click = firstStep("[{\"op\":\"click\",\"element_id\":\"el_6\",\"map_id\":\"m1\"}]");
        assertThat(click.path("ok").asBoolean()).isTrue();
        assertThat(click.path("result").path("url").asText()).isEqualTo("http://x/form.html#top");

        emit("Page.frameNavigated", "{\"frame\":{\"id\":\"T1\",\"loaderId\":\"L2\",\"url\":\"http://x/next.html\"},\"type\":\"Navigation\"}");
        JsonNode afterNavigation = run(slot, "{\"script\":[{\"op\":\"click\",\"element_id\":\"el_0\"}]}");
        assertThat(notFound(afterNavigation.path("steps").get(0))).isEqualTo("no current observation; run observe first");
        assertThat(afterNavigation.path("map_id").isNull()).isTrue();
    }

    @Test
    void childFrameNavigationsKeepTheMap() throws Exception {
        run(slot, "{\"script\":[{\"op\":\"observe\"}]}");
        emit("Page.frameNavigated", "{\"frame\":{\"id\":\"F9\",\"parentId\":\"T1\",\"loaderId\":\"L9\",\"url\":\"http://x/ad.html\"}}");
        assertThat(firstStep("[{\"op\":\"click\",\"element_id\":\"el_6\"}]").path("ok").asBoolean()).isTrue();
    }

    @Test
    void idsFromAnOlderMapOrOutsideTheMapAreRejected() throws Exception {
        run(slot, "{\"script\":[{\"op\":\"observe\"}]}");
        JsonNode second = run(slot, "{\"script\":[{\"op\":\"observe\"}]}");
        assertThat(second.path("map_id").asText()).isEqualTo("m2");

        assertThat(notFound(firstStep("[{\"op\":\"click\",\"element_id\":\"el_0\",\"map_id\":\"m1\"}]")))
                .isEqualTo("el_0 is from map m1; current map is m2");
        assertThat(notFound(firstStep("[{\"op\":\"click\",\"element_id\":\"el_42\"}]")))
                .isEqualTo("el_42 is not in map m2 (el_0..el_6)");
    }

    @Test
    void aNodeThatLeftTheDomIsReportedAsGone() throws Exception {
        run(slot, "{\"script\":[{\"op\":\"observe\"}]}");
        rig.cdp.answerWith("DOM.scrollIntoViewIfNeeded", params -> params.path("backendNodeId").asLong() == 55
                ? FakeCdpBrowser.Answer.error("No node with given id found")
                : new FakeCdpBrowser.Answer(CdpJson.object(), null, false));
        rig.cdp.answerWith("DOM.focus", params -> FakeCdpBrowser.Answer.error("No node with given id found"));
        assertThat(notFound(firstStep("[{\"op\":\"click\",\"element_id\":\"el_6\"}]")))
                .isEqualTo("el_6 (map m1) is no longer in the page; observe again");
        assertThat(notFound(firstStep("[{\"op\":\"type\",\"element_id\":\"el_0\",\"text\":\"x\"}]")))
                .isEqualTo("el_0 (map m1) is no longer in the page; observe again");
        rig.cdp.answerWith("DOM.getBoxModel", params -> FakeCdpBrowser.Answer.error("Could not compute box model."));
        assertThat(notFound(firstStep("[{\"op\":\"click\",\"element_id\":\"el_1\"}]")))
                .isEqualTo("el_1 (map m1) is no longer in the page; observe again");
    }

    @Test
    void clickDispatchesMovePressReleaseAtTheContentCentre() throws Exception {
        run(slot, "{\"script\":[{\"op\":\"observe\"}]}");
        JsonNode click = firstStep("[{\"op\":\"click\",\"element_id\":\"el_2\"}]");
        assertThat(click.path("result").toString())
                .isEqualTo("{\"element_id\":\"el_2\",\"x\":18,\"y\":99,\"navigated\":false,\"url\":\"about:blank\"}");
        assertThat(rig.cdp.commands("Input.dispatchMouseEvent")).extracting(command -> command.params().toString())
                .containsExactly(
                        "{\"type\":\"mouseMoved\",\"x\":18,\"y\":99}",
                        "{\"type\":\"mousePressed\",\"x\":18,\"y\":99,\"button\":\"left\",\"clickCount\":1}",
                        "{\"type\":\"mouseReleased\",\"x\":18,\"y\":99,\"button\":\"left\",\"clickCount\":1}");
    }
}
