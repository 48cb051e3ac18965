package dev.agentd.browser;

import static dev.agentd.browser.testing.BrowserHarness.parse;
import static dev.agentd.browser.testing.BrowserHarness.processesMentioning;
import static dev.agentd.browser.testing.BrowserHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.testing.FakeBrowserRig;
import dev.agentd.browser.testing.FakeCdpBrowser;
import dev.agentd.browser.testing.FakeChromium;
import dev.agentd.protocol.Json;
import dev.agentd.browser.launch.ProcessTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slot state machine, its lock and the loss paths (browser §3, §9; checks 5, 13, and the
 * unit halves of 25, 31, 33, 34) with a fake Chromium process tree and a fake CDP peer.
 */
class BrowserSlotTest {
    @TempDir
    Path dir;

    private FakeBrowserRig rig;
    private BrowserSlot slot;

    @BeforeEach
    void setUp() {
        rig = new FakeBrowserRig(dir);
        rig.cdp.answer("Page.navigate", params -> CdpJson.object().put("frameId", FakeCdpBrowser.TARGET_ID));
        slot = rig.slot();
    }

    @AfterEach
    void cleanUp() throws IOException {
        slot.closeNow();
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        assertThat(entries()).isEmpty();
    }

    private List<Path> entries() throws IOException {
        if (!Files.exists(rig.browserRunDir())) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(rig.browserRunDir())) {
            return list.toList();
        }
    }

    private CompletableFuture<JsonNode> runAsync(String params) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(slot, params);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void unknownOpFailsAtRunTimeAndSkipsTheRest() throws Exception {
        JsonNode trace = run(slot, "{\"script\":[{\"op\":\"wait\",\"ms\":1},{\"op\":\"hover\"},{\"op\":\"wait\",\"ms\":1},"
                + "{\"op\":\"wait\",\"ms\":1}]}");
        assertThat(trace.path("ok").asBoolean()).isFalse();
        assertThat(trace.path("failed_step").asInt()).isEqualTo(1);
        assertThat(trace.path("skipped").asInt()).isEqualTo(2);
        assertThat(trace.path("steps")).hasSize(2);
        JsonNode hover = trace.path("steps").get(1);
        assertThat(hover.path("op").asText()).isEqualTo("hover");
        assertThat(hover.path("error").path("kind").asText()).isEqualTo("unsupported");
    }

    @Test
    void withoutStopOnErrorEveryStepRuns() throws Exception {
        JsonNode trace = run(slot, "{\"script\":{\"stop_on_error\":false,\"steps\":[{\"op\":\"wait\",\"ms\":1},"
                + "{\"op\":\"click\",\"element_id\":\"el_0\"},{\"op\":\"wait\",\"ms\":1}]}}");
        assertThat(trace.path("ok").asBoolean()).isFalse();
        assertThat(trace.path("steps")).hasSize(3);
        assertThat(trace.path("steps").get(2).path("ok").asBoolean()).isTrue();
        assertThat(trace.path("failed_step").asInt()).isEqualTo(1);
        assertThat(trace.path("skipped").asInt()).isZero();
    }

    @Test
    void concurrentRunsExecuteStrictlyInSequence() throws Exception {
        run(slot, "{\"script\":[]}");
        CompletableFuture<JsonNode> a = runAsync("{\"script\":[{\"op\":\"navigate\",\"url\":\"http://a/1\"},"
                + "{\"op\":\"wait\",\"ms\":300},{\"op\":\"navigate\",\"url\":\"http://a/2\"}]}");
        CompletableFuture<JsonNode> b = runAsync("{\"script\":[{\"op\":\"navigate\",\"url\":\"http://b/1\"},"
                + "{\"op\":\"wait\",\"ms\":300},{\"op\":\"navigate\",\"url\":\"http://b/2\"}]}");
        assertThat(a.get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
        assertThat(b.get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();

        List<FakeCdpBrowser.Command> navigations = rig.cdp.commands("Page.navigate");
        List<String> urls = navigations.stream().map(command -> command.params().path("url").asText()).toList();
        assertThat(urls).isIn(List.of("http://a/1", "http://a/2", "http://b/1", "http://b/2"),
                List.of("http://b/1", "http://b/2", "http://a/1", "http://a/2"));
        // the first run's last step happened before the second run's first step
        assertThat(navigations.get(1).atNanos()).isLessThan(navigations.get(2).atNanos());
    }

    @Test
    void closeSentMidRunAnswersOnlyAfterTheRun() throws Exception {
        run(slot, "{\"script\":[]}");
        CompletableFuture<JsonNode> running = runAsync("{\"script\":[{\"op\":\"navigate\",\"url\":\"http://c/1\"},"
                + "{\"op\":\"wait\",\"ms\":400}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> !rig.cdp.commands("Page.navigate").isEmpty());
        CompletableFuture<Long> closedAt = CompletableFuture.supplyAsync(() -> {
            try {
                assertThat(slot.close()).isTrue();
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode trace = running.get(10, TimeUnit.SECONDS);
        long runAnsweredAt = System.nanoTime();
        assertThat(trace.path("ok").asBoolean()).isTrue();
        assertThat(closedAt.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(runAnsweredAt - 50_000_000L);
        assertThat(slot.pid()).isEmpty();
        assertThat(slot.close()).isFalse();
    }

    @Test
    void closeThenRunRelaunchesWithoutAMapAndKeepsCountingMapIds() throws Exception {
        rig.cdp.answer("Accessibility.getFullAXTree", params -> parse("{\"nodes\":[]}"));
        assertThat(run(slot, "{\"script\":[{\"op\":\"observe\"}]}").path("map_id").asText()).isEqualTo("m1");
        long firstPid = slot.pid().orElseThrow();
        assertThat(slot.close()).isTrue();
        assertThat(ProcessHandle.of(firstPid).filter(ProcessTrees::isRunning)).isEmpty();
        assertThat(entries()).isEmpty();

        JsonNode relaunched = run(slot, "{\"script\":[]}");
        assertThat(relaunched.path("session").path("launched").asBoolean()).isTrue();
        assertThat(relaunched.path("map_id").isNull()).isTrue();
        assertThat(relaunched.has("warnings")).isFalse();
        assertThat(run(slot, "{\"script\":[{\"op\":\"observe\"}]}").path("map_id").asText()).isEqualTo("m2");
        assertThat(run(slot, "{\"script\":[]}").path("session").path("launched").asBoolean()).isFalse();
    }

    @Test
    void launchOnlyParamsOnARunningBrowserAreWarnedAndResizeApplies() throws Exception {
        run(slot, "{\"script\":[],\"extra_args\":[\"--lang=de\"]}");
        JsonNode trace = run(slot, "{\"script\":[],\"headed\":true,\"width\":800,\"extra_args\":[]}");
        assertThat(trace.path("warnings")).extracting(JsonNode::asText).containsExactly(
                "headed ignored: browser already running headless",
                "extra_args ignored: browser already running with [--lang=de]");
        assertThat(trace.path("session").path("width").asInt()).isEqualTo(800);
        assertThat(trace.path("session").path("height").asInt()).isEqualTo(720);
        assertThat(trace.path("session").path("headed").asBoolean()).isFalse();
        assertThat(rig.cdp.commands("Emulation.setDeviceMetricsOverride")).last()
                .extracting(command -> command.params().path("width").asInt()).isEqualTo(800);
        assertThat(run(slot, "{\"script\":[],\"headed\":false,\"width\":800}").has("warnings")).isFalse();
    }

    @Test
    void browserDyingBetweenCallsIsCleanedAndReportedByTheNextRun() throws Exception {
        run(slot, "{\"script\":[]}");
        long pid = slot.pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(processesMentioning(rig.root.toString())).isEmpty();
            assertThat(entries()).isEmpty();
        });
        JsonNode trace = run(slot, "{\"script\":[]}");
        assertThat(trace.path("ok").asBoolean()).isTrue();
        assertThat(trace.path("session").path("launched").asBoolean()).isTrue();
        assertThat(trace.path("session").path("pid").asLong()).isNotEqualTo(pid);
        assertThat(trace.path("warnings").get(0).asText())
                .isEqualTo("previous browser exited unexpectedly (chromium exited with code 137)");
    }

    @Test
    void helpersStartedAfterTheLastSnapshotDieWithTheBrowser() throws Exception {
        FakeBrowserRig late = new FakeBrowserRig(dir.resolve("late"), FakeChromium.lateHelper(dir));
        BrowserSlot lateSlot = late.slot();
        lateSlot.run(parse("{\"script\":[]}"));
        ProcessHandle main = ProcessHandle.of(lateSlot.pid().orElseThrow()).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> main.descendants().count() >= 2);
        List<ProcessHandle> tree = ProcessTrees.snapshot(main);

        main.destroyForcibly();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tree).noneMatch(ProcessTrees::isRunning));
        lateSlot.closeNow();
    }

    @Test
    void browserLostDuringACallFailsItWithThePartialTrace() throws Exception {
        run(slot, "{\"script\":[]}");
        CompletableFuture<JsonNode> running = runAsync("{\"script\":[{\"op\":\"wait\",\"ms\":1},"
                + "{\"op\":\"wait\",\"ms\":5000},{\"op\":\"wait\",\"ms\":1}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.cdp.commands().size() > 12);
        long started = System.nanoTime();
        rig.cdp.drop("DevTools connection closed (1006)");
        BrowserSessionLostException lost = catchThrowableOfType(BrowserSessionLostException.class,
                () -> unwrap(running));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(lost.code()).isEqualTo(-32603);
        assertThat(lost.getMessage()).isEqualTo("browser session lost: DevTools connection closed (1006)");
        JsonNode trace = lost.error().data().path("trace");
        assertThat(trace.path("ok").asBoolean()).isFalse();
        assertThat(trace.path("steps")).hasSize(2);
        assertThat(trace.path("steps").get(1).path("error").path("kind").asText()).isEqualTo("internal");
        assertThat(trace.path("failed_step").asInt()).isEqualTo(1);
        assertThat(trace.path("skipped").asInt()).isEqualTo(1);
        assertThat(slot.pid()).isEmpty();
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        assertThat(run(slot, "{\"script\":[]}").path("session").path("launched").asBoolean()).isTrue();
    }

    @Test
    void closeNowKillsAtOnceFailsTheRunInFlightAndRefusesLaterRuns() throws Exception {
        run(slot, "{\"script\":[]}");
        CompletableFuture<JsonNode> running = runAsync("{\"script\":[{\"op\":\"wait\",\"ms\":10000}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.cdp.commands().size() > 12);
        slot.closeNow();
        BrowserSessionLostException lost = catchThrowableOfType(BrowserSessionLostException.class, () -> unwrap(running));
        assertThat(lost.getMessage()).isEqualTo("browser session lost: closed");
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        BrowserSessionLostException refused = catchThrowableOfType(BrowserSessionLostException.class,
                () -> slot.run(parse("{\"script\":[]}")));
        assertThat(refused.getMessage()).isEqualTo("browser session lost: closed");
        assertThat(slot.pid()).isEmpty();
    }

    @Test
    void cdpTimeoutFailsTheStepButKeepsTheBrowser() throws Exception {
        FakeBrowserRig quick = new FakeBrowserRig(dir.resolve("quick"), FakeChromium.tree(dir),
                settings -> settings.withCommandTimeout(Duration.ofMillis(300)));
        BrowserSlot quickSlot = quick.slot();
        try {
            quickSlot.run(parse("{\"script\":[]}"));
            quick.cdp.answerWith("Runtime.evaluate", params -> FakeCdpBrowser.Answer.none());
            JsonNode trace = Json.mapper().valueToTree(quickSlot.run(parse("{\"script\":[{\"op\":\"extract\"}]}")));
            JsonNode error = trace.path("steps").get(0).path("error");
            assertThat(error.path("kind").asText()).isEqualTo("timeout");
            assertThat(error.path("message").asText()).isEqualTo("CDP Runtime.evaluate did not answer within 300 ms");
            assertThat(Json.mapper().valueToTree(quickSlot.run(parse("{\"script\":[]}"))).path("session")
                    .path("launched").asBoolean()).isFalse();
        } finally {
            quickSlot.closeNow();
        }
    }

    private static JsonNode unwrap(CompletableFuture<JsonNode> future) throws Throwable {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
