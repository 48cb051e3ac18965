package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.click;
import static dev.agentd.browser.testing.Steps.idOf;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.observe;
import static dev.agentd.browser.testing.Steps.okResult;
import static dev.agentd.browser.testing.Steps.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prints the two latencies of browser §13.4 measured at the module API (no daemon, no WebSocket
 * hop). Nothing here asserts a figure: the numbers of record come from {@code BrowserLatencyBench}.
 */
@RequiresChromium
class LatencyReportTest {
    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    @Test
    void printColdAndWarmLatencies() throws Exception {
        List<Long> cold = new ArrayList<>();
        JsonNode form = null;
        BrowserSlot warm = null;
        for (int i = 0; i < 5; i++) {
            BrowserSlot slot = browser.newSlot();
            long start = System.nanoTime();
            JsonNode trace = run(slot, params(navigate(browser.url("/form.html")), observe()));
            cold.add((System.nanoTime() - start) / 1_000_000);
            assertThat(trace.path("ok").asBoolean()).isTrue();
            if (warm == null) {
                warm = slot;
                form = okResult(trace, 1);
            } else {
                slot.close();
            }
        }
        String subscribe = idOf(form, "checkbox", "Subscribe");
        List<Long> clicks = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            long start = System.nanoTime();
            JsonNode trace = run(warm, params(click(subscribe), observe()));
            assertThat(trace.path("ok").asBoolean()).isTrue();
            subscribe = idOf(okResult(trace, 1), "checkbox", "Subscribe");
            if (i >= 3) {
                clicks.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        System.out.printf("browser latency (module API): cold launch -> first observe median %d ms %s; "
                + "warm click+observe median %d ms (p90 %d ms)%n",
                percentile(cold, 50), cold, percentile(clicks, 50), percentile(clicks, 90));
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (sorted.size() * percent) / 100));
    }
}
