package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.click;
import static dev.agentd.browser.testing.Steps.idOf;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.observe;
import static dev.agentd.browser.testing.Steps.okResult;
import static dev.agentd.browser.testing.Steps.params;
import static dev.agentd.browser.testing.Steps.step;
import static dev.agentd.browser.testing.Steps.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Load tracking, waits and functional timeouts (browser §5.6, §7.3; checks 20–22). */
@RequiresChromium
class WaitsAndTimeoutsTest {
    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    private final BrowserSlot slot = browser.sharedSlot();

    private static Duration timed(ThrowingRunnable body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void navigationTimeoutEndsTheStepOnTime() throws Exception {
        run(slot, params());
        JsonNode[] trace = new JsonNode[1];
        Duration elapsed = timed(() -> trace[0] = run(slot, params(
                navigate(browser.url("/slow.html?ms=3000")).put("timeout_ms", 1000), observe())));
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
        assertThat(trace[0].path("ok").asBoolean()).isFalse();
        assertThat(trace[0].path("failed_step").asInt()).isZero();
        assertThat(trace[0].path("skipped").asInt()).isEqualTo(1);
        JsonNode error = trace[0].path("steps").get(0).path("error");
        assertThat(error.path("kind").asText()).isEqualTo("timeout");
        assertThat(error.path("message").asText()).contains("1000 ms");

        // the same URL again joins the navigation still in flight (Chromium drops duplicates)
        JsonNode again = run(slot, params(navigate(browser.url("/slow.html?ms=3000"))));
        assertThat(again.path("ok").asBoolean()).as(again.toString()).isTrue();
        assertThat(okResult(again, 0).path("title").asText()).isEqualTo("Slow");

        Duration patient = timed(() -> trace[0] = run(slot, params(navigate(browser.url("/slow.html?ms=3000&fresh")))));
        assertThat(trace[0].path("ok").asBoolean()).as(trace[0].toString()).isTrue();
        assertThat(patient).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(okResult(trace[0], 0).path("url").asText()).endsWith("/slow.html?ms=3000&fresh");
    }

    @Test
    void pageLoadedWaitsForTheLateLoadEvent() throws Exception {
        JsonNode trace = run(slot, params(
                step("navigate").put("url", browser.url("/slow-load.html")).put("timeout_ms", 400),
                waitFor("page_loaded").put("timeout_ms", 500)));
        // navigate itself waits for load, so it times out first; the page keeps loading
        assertThat(trace.path("steps").get(0).path("error").path("kind").asText()).isEqualTo("timeout");

        JsonNode impatient = run(slot, params(waitFor("page_loaded").put("timeout_ms", 500)));
        assertThat(impatient.path("steps").get(0).path("error").path("kind").asText()).isEqualTo("timeout");

        JsonNode patient = run(slot, params(waitFor("page_loaded").put("timeout_ms", 5000)));
        assertThat(patient.path("ok").asBoolean()).as(patient.toString()).isTrue();
        assertThat(okResult(patient, 0).path("waited_ms").asLong()).isGreaterThanOrEqualTo(1000);
        assertThat(okResult(patient, 0).path("condition").asText()).isEqualTo("page_loaded");
    }

    @Test
    void elementAndTextConditions() throws Exception {
        JsonNode observed = okResult(run(slot, params(navigate(browser.url("/dynamic.html")), observe())), 1);
        JsonNode trace = run(slot, params(
                click(idOf(observed, "button", "Later")),
                waitFor("element").put("name_contains", "Arrived"),
                waitFor("text").put("text", "ready").put("timeout_ms", 1000),
                waitFor("text").put("text", "never").put("timeout_ms", 300)));
        long waited = okResult(trace, 1).path("waited_ms").asLong();
        assertThat(waited).isBetween(300L, 2000L);
        assertThat(okResult(trace, 2).path("waited_ms").asLong()).isLessThan(1000);
        JsonNode never = trace.path("steps").get(3);
        assertThat(never.path("error").path("kind").asText()).isEqualTo("timeout");
        assertThat(never.path("duration_ms").asLong()).isBetween(250L, 2000L);
        assertThat(trace.path("map_id").asText()).isEqualTo(observed.path("map_id").asText());
    }
}
