package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.processesMentioning;
import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.launch.OrphanReaper;
import dev.agentd.browser.launch.ProcessTrees;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Disconnect, shutdown and crash recovery with real browsers (browser §10.2; checks 32, 35, 36). */
@RequiresChromium
class CleanupTest {
    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    @Test
    void aDroppedConnectionKillsItsBrowser() throws Exception {
        BrowserSlot slot = browser.newSlot();
        run(slot, params(navigate(browser.url("/form.html"))));
        List<ProcessHandle> tree = ProcessTrees.snapshot(ProcessHandle.of(slot.pid().orElseThrow()).orElseThrow());

        slot.closeNow();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(tree).noneMatch(ProcessTrees::isRunning);
            assertThat(browser.browserRunDirEntries()).isEmpty();
        });
    }

    @Test
    void shutdownClosesEverySlotInParallel() throws Exception {
        List<BrowserSlot> slots = List.of(browser.newSlot(), browser.newSlot(), browser.newSlot());
        List<ProcessHandle> trees = new ArrayList<>();
        for (BrowserSlot slot : slots) {
            run(slot, params(navigate(browser.url("/page2.html"))));
            trees.addAll(ProcessTrees.snapshot(ProcessHandle.of(slot.pid().orElseThrow()).orElseThrow()));
        }
        assertThat(browser.browserRunDirEntries()).hasSize(6);

        CompletableFuture.allOf(slots.stream().map(slot -> CompletableFuture.runAsync(slot::closeNow))
                .toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(trees).noneMatch(ProcessTrees::isRunning);
        assertThat(browser.browserRunDirEntries()).isEmpty();
        assertThat(processesMentioning(browser.root().toString())).isEmpty();
    }

    @Test
    void browsersOfAKilledDaemonAreReapedAtTheNextStart() throws Exception {
        Process daemon = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                OrphanMaker.class.getName(), browser.root().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long chromiumPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the child daemon's report").startsWith("chromium ");
            chromiumPid = Long.parseLong(line.substring("chromium ".length()));
        }
        ProcessHandle chromium = ProcessHandle.of(chromiumPid).orElseThrow();
        List<ProcessHandle> tree = ProcessTrees.snapshot(chromium);
        daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        assertThat(chromium.isAlive()).as("Chromium survives its daemon").isTrue();
        assertThat(browser.browserRunDirEntries()).hasSize(2);

        OrphanReaper.Result result = new OrphanReaper(browser.browserRunDir(), Duration.ofSeconds(2)).reap();

        assertThat(result.killedTrees()).isEqualTo(1);
        assertThat(tree).noneMatch(ProcessTrees::isRunning);
        assertThat(browser.browserRunDirEntries()).isEmpty();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
