package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.processesMentioning;
import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.params;
import static dev.agentd.browser.testing.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSessionLostException;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.launch.ProcessTrees;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leak soak (check 40): open/close cycles on one connection, then connections dropped mid-run;
 * afterwards no Chromium spawned by this JVM is alive and {@code run/browser/} is empty. The
 * cycle count is {@code -Dagentd.browser.soak-cycles} (default 100, as the check says).
 */
@RequiresChromium
class LeakSoakTest {
    private static final int CYCLES = Integer.getInteger("agentd.browser.soak-cycles", 100);
    private static final int DROPPED_CONNECTIONS = 20;
    private static final int DROPPED_AT_ONCE = 5;

    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    @Test
    void openCloseCyclesAndDroppedConnectionsLeaveNothingBehind() throws Exception {
        long start = System.nanoTime();
        BrowserSlot slot = browser.newSlot();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            JsonNode trace = run(slot, params());
            assertThat(trace.path("session").path("launched").asBoolean()).as("cycle %d", cycle).isTrue();
            assertThat(slot.close()).isTrue();
        }
        long cyclesDone = System.nanoTime();

        for (int batch = 0; batch < DROPPED_CONNECTIONS / DROPPED_AT_ONCE; batch++) {
            dropConnectionsMidRun(batch);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(chromiumDescendantsOfThisJvm()).isEmpty();
            assertThat(processesMentioning(browser.root().toString())).isEmpty();
            assertThat(browser.browserRunDirEntries()).isEmpty();
        });
        System.out.printf("leak soak: %d open/close cycles in %d ms, %d dropped connections in %d ms%n", CYCLES,
                (cyclesDone - start) / 1_000_000, DROPPED_CONNECTIONS, (System.nanoTime() - cyclesDone) / 1_000_000);
    }

    private void dropConnectionsMidRun(int batch) throws Exception {
        List<BrowserSlot> slots = new ArrayList<>();
        List<CompletableFuture<JsonNode>> runs = new ArrayList<>();
        for (int i = 0; i < DROPPED_AT_ONCE; i++) {
            BrowserSlot slot = browser.newSlot();
            String marker = "/page2.html?soak=" + batch + "-" + i;
            slots.add(slot);
            runs.add(CompletableFuture.supplyAsync(() -> runQuietly(slot, marker)));
        }
        for (int i = 0; i < DROPPED_AT_ONCE; i++) {
            String marker = "/page2.html?soak=" + batch + "-" + i;
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.web().requests().contains(marker));
        }
        slots.parallelStream().forEach(BrowserSlot::closeNow);
        for (CompletableFuture<JsonNode> running : runs) {
            assertThat(running).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .havingCause().isInstanceOf(BrowserSessionLostException.class)
                    .withMessage("browser session lost: closed");
        }
    }

    private JsonNode runQuietly(BrowserSlot slot, String marker) {
        try {
            return run(slot, params(navigate(browser.url(marker)), step("wait").put("ms", 30_000)));
        } catch (InterruptedException e) {
            throw new CompletionException(e);
        }
    }

    private static List<ProcessHandle> chromiumDescendantsOfThisJvm() {
        try (Stream<ProcessHandle> descendants = ProcessHandle.current().descendants()) {
            return descendants.filter(ProcessTrees::isRunning)
                    .filter(process -> ProcessTrees.commandLine(process).contains("chrom"))
                    .toList();
        }
    }
}
