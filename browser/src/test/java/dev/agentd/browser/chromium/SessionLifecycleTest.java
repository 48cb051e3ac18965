package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.processesMentioning;
import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.click;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.observe;
import static dev.agentd.browser.testing.Steps.okResult;
import static dev.agentd.browser.testing.Steps.params;
import static dev.agentd.browser.testing.Steps.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSessionLostException;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.launch.ProcessTrees;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The slot's life with a real browser (browser §3, §9, §10; checks 30, 31, 33, 34, 37, 39). */
@RequiresChromium
class SessionLifecycleTest {
    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    @Test
    void emptyScriptLaunches() throws Exception {
        JsonNode trace = run(browser.newSlot(), params());
        assertThat(trace.path("ok").asBoolean()).isTrue();
        assertThat(trace.path("steps")).isEmpty();
        assertThat(trace.path("session").path("launched").asBoolean()).isTrue();
        assertThat(trace.path("session").path("browser_version").asText()).contains("/");
        assertThat(trace.path("final_url").asText()).isEqualTo("about:blank");
    }

    @Test
    void launchOnlyParamsAreIgnoredOnARunningBrowserButSizeApplies() throws Exception {
        BrowserSlot slot = browser.newSlot();
        JsonNode first = run(slot, params());
        assertThat(first.path("session").path("width").asInt()).isEqualTo(1280);
        assertThat(first.path("session").path("height").asInt()).isEqualTo(720);

        JsonNode second = run(slot, params(navigate(browser.url("/form.html")), step("screenshot"))
                .put("headed", true).put("width", 800));
        assertThat(second.path("warnings").get(0).asText()).startsWith("headed ignored");
        assertThat(second.path("session").path("width").asInt()).isEqualTo(800);
        assertThat(second.path("session").path("headed").asBoolean()).isFalse();
        assertThat(second.path("session").path("launched").asBoolean()).isFalse();
        assertThat(okResult(second, 1).path("width").asInt()).isEqualTo(800);
    }

    @Test
    void closeKillsTheTreeAndEmptiesTheRunDirectory() throws Exception {
        BrowserSlot slot = browser.newSlot();
        run(slot, params(navigate(browser.url("/form.html")), observe()));
        long pid = slot.pid().orElseThrow();
        List<ProcessHandle> tree = ProcessTrees.snapshot(ProcessHandle.of(pid).orElseThrow());
        assertThat(tree.size()).isGreaterThan(1);

        assertThat(slot.close()).isTrue();
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(tree).noneMatch(ProcessTrees::isRunning);
            assertThat(browser.browserRunDirEntries()).isEmpty();
        });
        assertThat(slot.close()).isFalse();

        JsonNode next = run(slot, params());
        assertThat(next.path("session").path("launched").asBoolean()).isTrue();
        assertThat(next.path("map_id").isNull()).isTrue();
        assertThat(next.path("session").path("pid").asLong()).isNotEqualTo(pid);
        assertThat(okResult(run(slot, params(observe())), 0).path("map_id").asText()).isEqualTo("m2");
        slot.close();
    }

    @Test
    void killingChromiumDuringACallFailsItWithThePartialTrace() throws Exception {
        BrowserSlot slot = browser.newSlot();
        run(slot, params(navigate(browser.url("/form.html"))));
        long pid = slot.pid().orElseThrow();
        long started = System.nanoTime();
        CompletableFuture<JsonNode> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(slot, params(navigate(browser.url("/page2.html?during-call")), step("wait").put("ms", 5000),
                        observe()));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.web().requests().contains("/page2.html?during-call"));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> running.get(5, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(BrowserSessionLostException.class);
        BrowserSessionLostException lost = (BrowserSessionLostException) failure.getCause();
        assertThat(lost.getMessage()).startsWith("browser session lost: ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        JsonNode trace = lost.error().data().path("trace");
        JsonNode interrupted = trace.path("steps").get(trace.path("steps").size() - 1);
        assertThat(interrupted.path("ok").asBoolean()).isFalse();
        assertThat(interrupted.path("error").path("kind").asText()).isEqualTo("internal");
        assertThat(trace.path("skipped").asInt()).isEqualTo(3 - trace.path("steps").size());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(browser.browserRunDirEntries()).isEmpty());

        JsonNode next = run(slot, params());
        assertThat(next.path("session").path("launched").asBoolean()).isTrue();
        slot.close();
    }

    @Test
    void killingChromiumBetweenCallsRelaunchesWithAWarning() throws Exception {
        BrowserSlot slot = browser.newSlot();
        run(slot, params(navigate(browser.url("/form.html"))));
        long pid = slot.pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(browser.browserRunDirEntries()).isEmpty();
            assertThat(processesMentioning(browser.root().toString())).isEmpty();
        });

        JsonNode next = run(slot, params(navigate(browser.url("/page2.html"))));
        assertThat(next.path("ok").asBoolean()).isTrue();
        assertThat(next.path("session").path("launched").asBoolean()).isTrue();
        assertThat(next.path("warnings").get(0).asText()).startsWith("previous browser exited unexpectedly (");
        slot.close();
    }

    @Test
    void twoConnectionsHaveTheirOwnBrowsersAndMaps() throws Exception {
        BrowserSlot a = browser.newSlot();
        BrowserSlot b = browser.newSlot();
        CompletableFuture<JsonNode> onA = CompletableFuture.supplyAsync(() -> runQuietly(a, "/form.html"));
        CompletableFuture<JsonNode> onB = CompletableFuture.supplyAsync(() -> runQuietly(b, "/links.html"));
        JsonNode traceA = onA.get(30, TimeUnit.SECONDS);
        JsonNode traceB = onB.get(30, TimeUnit.SECONDS);
        assertThat(traceA.path("session").path("pid").asLong()).isNotEqualTo(traceB.path("session").path("pid").asLong());
        assertThat(okResult(traceA, 1).path("elements").get(0).path("name").asText()).isEqualTo("Name");
        assertThat(okResult(traceB, 1).path("elements").get(0).path("name").asText()).isEqualTo("Next page");

        BrowserSlot c = browser.newSlot();
        JsonNode clickOnC = run(c, params(click("el_0")));
        assertThat(clickOnC.path("steps").get(0).path("error").path("kind").asText()).isEqualTo("element_not_found");
        assertThat(clickOnC.path("steps").get(0).path("error").path("message").asText())
                .isEqualTo("no current observation; run observe first");
        a.close();
        b.close();
        c.close();
    }

    private JsonNode runQuietly(BrowserSlot slot, String path) {
        try {
            return run(slot, params(navigate(browser.url(path)), observe()));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
