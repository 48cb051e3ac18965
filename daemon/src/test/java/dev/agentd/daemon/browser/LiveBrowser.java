package dev.agentd.daemon.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.launch.ProcessTrees;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A browser a trace reported, captured while it runs: its process tree (helpers are re-parented
 * once the main process dies, so they must be found first), registry record and profile.
 */
record LiveBrowser(long pid, List<ProcessHandle> tree, Path record, Path profile) {

    /** The browser of {@code trace}'s {@code session.pid}, on a daemon whose state root is {@code root}. */
    static LiveBrowser of(Path root, JsonNode trace) {
        long pid = trace.path("session").path("pid").asLong();
        assertThat(pid).as("session.pid of %s", trace).isPositive();
        ProcessHandle main = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("browser pid " + pid + " is not alive"));
        Path record = BrowserCalls.browserRunDir(root).resolve(pid + ".json");
        assertThat(record).as("registry record of browser %d", pid).isRegularFile();
        return new LiveBrowser(pid, ProcessTrees.snapshot(main), record, Path.of(profileDir(record)));
    }

    private static String profileDir(Path record) {
        try {
            return Json.mapper().readTree(record.toFile()).path("profile_dir").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean running() {
        return ProcessTrees.isRunning(tree.get(0));
    }

    /** SIGKILL of the main process only, as a crash would end it. */
    void killMainProcess() {
        tree.get(0).destroyForcibly();
    }

    /** Browser §10.2: no process of the tree or naming the profile is alive, profile and record are gone. */
    void awaitGone(Duration bound) {
        await().atMost(bound).untilAsserted(this::assertGone);
    }

    void assertGone() {
        assertThat(tree).as("processes of browser %d", pid).noneMatch(ProcessTrees::isRunning);
        assertThat(BrowserHarness.processesMentioning(profile.toString())).as("processes naming %s", profile).isEmpty();
        assertThat(profile).as("profile of browser %d", pid).doesNotExist();
        assertThat(record).as("record of browser %d", pid).doesNotExist();
    }
}
