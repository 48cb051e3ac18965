package dev.agentd.daemon.browser;

import static dev.agentd.browser.testing.Steps.click;
import static dev.agentd.browser.testing.Steps.extract;
import static dev.agentd.browser.testing.Steps.idOf;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.observe;
import static dev.agentd.browser.testing.Steps.okResult;
import static dev.agentd.browser.testing.Steps.type;
import static dev.agentd.daemon.browser.BrowserCalls.CALL_TIMEOUT;
import static dev.agentd.daemon.browser.BrowserCalls.CLEANUP_BOUND;
import static dev.agentd.daemon.browser.BrowserCalls.close;
import static dev.agentd.daemon.browser.BrowserCalls.run;
import static dev.agentd.daemon.browser.BrowserCalls.waitMs;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.testing.RequiresChromium;
import dev.agentd.browser.testing.Steps;
import dev.agentd.browser.testing.TestWebServer;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-connection browser slot through a real daemon and a real Chromium (browser §3, §9,
 * §10): checks 14, 15, 31, 32, 33, 34, 37 and the concurrency rules of §3.3 (check 13), plus core
 * check 40. One daemon for the class; after each test every browser it launched is gone.
 */
@RequiresChromium
class BrowserSlotsE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static TestWebServer web;
    private final List<RpcClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startWebServer() {
        web = TestWebServer.start();
    }

    @AfterAll
    static void stopWebServer() {
        if (web != null) {
            web.close();
        }
    }

    /** Whatever a test leaves open is closed, and then nothing of any browser may remain. */
    @AfterEach
    void noBrowserOutlivesItsConnection() {
        clients.forEach(RpcClient::close);
        BrowserCalls.awaitNoBrowserLeftovers(agentd.root(), CLEANUP_BOUND);
    }

    private RpcClient connect() {
        RpcClient client = agentd.connect();
        clients.add(client);
        return client;
    }

    /** Checks 14 and 15: ids observed in one call are used in the next one on the same connection. */
    @Test
    void elementIdsSurviveBetweenCalls() {
        RpcClient client = connect();

        JsonNode first = run(client, navigate(web.url("/form.html")), observe());
        JsonNode observed = okResult(first, 1);
        assertThatJson(first).node("session.launched").isEqualTo(true);
        assertThatJson(okResult(first, 0)).node("status").isEqualTo(200);
        assertThatJson(observed).node("map_id").isEqualTo("m1");
        assertThat(Steps.element(observed, "button", "Locked").path("states")).extracting(JsonNode::asText).contains("disabled");
        JsonNode second = run(client,
                type(idOf(observed, "textbox", "Name"), "Ada"),
                click(idOf(observed, "checkbox", "Subscribe")),
                click(idOf(observed, "button", "Send")).put("map_id", "m1"),
                extract());

        assertThatJson(second).node("ok").isEqualTo(true);
        assertThatJson(second).node("session.launched").isEqualTo(false);
        assertThat(second.path("final_url").asText()).startsWith(web.url("/submitted?"));
        assertThat(okResult(second, 3).path("text").asText()).contains("name=Ada;subscribe=on");
    }

    /** Check 37: two connections, two browsers; an id observed on A means nothing on B. */
    @Test
    void eachConnectionHasItsOwnBrowserAndElementMap() {
        RpcClient a = connect();
        RpcClient b = connect();
        CompletableFuture<JsonNode> onA = CompletableFuture.supplyAsync(() -> run(a, navigate(web.url("/form.html")), observe()));
        CompletableFuture<JsonNode> onB = CompletableFuture.supplyAsync(() -> run(b, navigate(web.url("/links.html"))));
        JsonNode traceA = onA.join();
        JsonNode traceB = onB.join();
        assertThat(LiveBrowser.of(agentd.root(), traceA).pid()).isNotEqualTo(LiveBrowser.of(agentd.root(), traceB).pid());

        JsonNode clickOnB = run(b, click(idOf(okResult(traceA, 1), "textbox", "Name")));

        assertThatJson(clickOnB).node("ok").isEqualTo(false);
        assertThatJson(clickOnB).node("steps[0].error").isEqualTo("""
                {"kind":"element_not_found","message":"no current observation; run observe first"}""");
        assertThatJson(run(a, observe())).node("steps[0].result.map_id").isEqualTo("m2");
    }

    /** Check 31 through the daemon: close, a second close, and a fresh browser on the next run. */
    @Test
    void closeShutsTheBrowserAndTheNextRunLaunchesAFreshOne() {
        RpcClient client = connect();
        LiveBrowser browser = LiveBrowser.of(agentd.root(), run(client, navigate(web.url("/form.html")), observe()));

        assertThatJson(close(client)).isEqualTo("{\"closed\":true}");
        browser.awaitGone(Duration.ofSeconds(3));
        assertThatJson(close(client)).isEqualTo("{\"closed\":false}");

        JsonNode next = run(client);
        assertThatJson(next).node("session.launched").isEqualTo(true);
        assertThatJson(next).node("map_id").isNull();
        assertThat(LiveBrowser.of(agentd.root(), next).pid()).isNotEqualTo(browser.pid());
    }

    /**
     * Core check 40 and check 32: closing the connection, without {@code browser.close}, kills the
     * tree and removes profile and record within 5 s. Core check 41 for what the daemon creates:
     * the profile directory is 0700 and the record 0600.
     */
    @Test
    void closingTheConnectionClosesItsBrowser() throws Exception {
        RpcClient client = connect();
        LiveBrowser browser = LiveBrowser.of(agentd.root(), run(client, navigate(web.url("/page2.html"))));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(browser.profile()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(browser.record()))).isEqualTo("rw-------");

        client.close();

        browser.awaitGone(CLEANUP_BOUND);
    }

    /** Browser §3.3: a disconnect does not wait for the run in flight; the browser dies at once. */
    @Test
    void closingTheConnectionMidRunKillsTheBrowserWithoutWaitingForTheRun() {
        RpcClient client = connect();
        LiveBrowser browser = LiveBrowser.of(agentd.root(), run(client));
        client.callAsync("browser.run",
                Steps.params(navigate(web.url("/page2.html?before-disconnect")), waitMs(60_000)));
        await().atMost(CALL_TIMEOUT).until(() -> web.requests().contains("/page2.html?before-disconnect"));

        client.close();

        browser.awaitGone(CLEANUP_BOUND);
    }

    /** Check 33: the browser dies during a call → -32603 with the partial trace; the next run relaunches. */
    @Test
    void browserKilledDuringACallIsASessionLostError() {
        RpcClient client = connect();
        LiveBrowser browser = LiveBrowser.of(agentd.root(), run(client, navigate(web.url("/page2.html"))));
        CompletableFuture<JsonNode> waiting = client.callAsync("browser.run",
                Steps.params(navigate(web.url("/page2.html?during-call")), waitMs(5_000)));
        await().atMost(CALL_TIMEOUT).until(() -> web.requests().contains("/page2.html?during-call"));

        browser.killMainProcess();

        RpcException lost = catchThrowableOfType(RpcException.class, () -> join(waiting));
        assertThat(lost.code()).isEqualTo(-32603);
        assertThat(lost.getMessage()).startsWith("browser session lost: ");
        assertThat(lost.error().data()).isNotNull();
        assertThatJson(lost.error().data()).node("trace.ok").isEqualTo(false);
        JsonNode steps = lost.error().data().path("trace").path("steps");
        assertThatJson(steps.get(steps.size() - 1)).node("error.kind").isEqualTo("internal");
        browser.awaitGone(CLEANUP_BOUND);
        assertThatJson(run(client)).node("session.launched").isEqualTo(true);
    }

    /** Check 34: the browser dies between calls → the next run relaunches and says so. */
    @Test
    void browserKilledBetweenCallsIsRelaunchedWithAWarning() {
        RpcClient client = connect();
        LiveBrowser browser = LiveBrowser.of(agentd.root(), run(client));

        browser.killMainProcess();
        browser.awaitGone(CLEANUP_BOUND);
        JsonNode next = run(client);

        assertThatJson(next).node("ok").isEqualTo(true);
        assertThatJson(next).node("session.launched").isEqualTo(true);
        assertThat(next.path("warnings").get(0).asText()).startsWith("previous browser exited unexpectedly (");
    }

    /**
     * Browser §3.3 and check 13 through the daemon: a second run sent while one is in flight on
     * the same connection starts only after the first has answered (its 300 ms wait cannot overlap
     * the first one's), and a {@code browser.close} sent mid-run answers {@code closed: true} only
     * after the run it waited for, which it did not cut short.
     */
    @Test
    void runsOnOneConnectionNeverInterleaveAndCloseWaitsForTheRunInFlight() {
        RpcClient client = agentd.connect();
        run(client);
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();

        CompletableFuture<JsonNode> first = client.callAsync("browser.run",
                Steps.params(navigate(web.url("/page2.html?first-run")), waitMs(600)));
        // Wait on the stamping stages themselves: a callback merely attached to a reply may run
        // after another dependent of the same reply has already released the test thread.
        CompletableFuture<Void> firstStamped = first.thenRun(() -> answeredAt.put("first", System.nanoTime()));
        await().atMost(CALL_TIMEOUT).until(() -> web.requests().contains("/page2.html?first-run"));
        CompletableFuture<JsonNode> second = client.callAsync("browser.run", Steps.params(waitMs(300)));
        CompletableFuture<JsonNode> closed = client.callAsync("browser.close", null);
        CompletableFuture<Void> secondStamped = second.thenRun(() -> answeredAt.put("second", System.nanoTime()));
        CompletableFuture<Void> closeStamped = closed.thenRun(() -> answeredAt.put("close", System.nanoTime()));
        CompletableFuture.allOf(firstStamped, secondStamped, closeStamped)
                .orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();

        assertThatJson(first.join()).node("ok").isEqualTo(true);
        assertThatJson(second.join()).node("ok").isEqualTo(true);
        assertThatJson(closed.join()).isEqualTo("{\"closed\":true}");
        assertThat(answeredAt.get("close")).as("close answered after the run in flight").isGreaterThan(answeredAt.get("first"));
        assertThat(Duration.ofNanos(answeredAt.get("second") - answeredAt.get("first")))
                .as("the second run's 300 ms wait starts after the first run answered")
                .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    private static JsonNode join(CompletableFuture<JsonNode> reply) {
        try {
            return reply.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
