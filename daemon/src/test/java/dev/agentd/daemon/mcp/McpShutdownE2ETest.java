package dev.agentd.daemon.mcp;

import static dev.agentd.daemon.mcp.McpFixtures.TIMEOUT;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown with MCP traffic (mcp §14, core §15), the daemon running as a child JVM so its
 * exit status is real: acceptance check 33 of mcp §16.
 *
 * <p>Nothing lets a single tool call block (core §18.1's {@code test.block} is WebSocket only), so
 * the POST in flight is a batch of {@value #BATCH} {@code memory_add_fact} calls on a 2025-03-26
 * session (mcp §9.4), each acknowledged only after its journal fsync. The session's own GET stream
 * reports each write as it commits, which shows the POST is running when shutdown begins.
 *
 * <p>Shutdown is a SIGTERM to the child JVM, which handles it as {@code agentd serve} does
 * ({@link dev.agentd.daemon.ShutdownSignals}).
 */
class McpShutdownE2ETest {
    private static final int BATCH = 2000;

    @TempDir
    Path dir;

    private static String addFactBatch() {
        return IntStream.range(0, BATCH).mapToObj(i -> """
                {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"memory_add_fact",
                 "arguments":{"subject":"shutdown fact %d","body":"written while the daemon stops"}}}"""
                .formatted(i, i)).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * The batch got its answer: every call succeeded, or, for calls still running when the 5 s
     * drain ran out, -32603 {@code daemon shutting down} (mcp §14 step 3). Returns how many succeeded.
     */
    private static long assertCompleted(McpHttp.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode answer = reply.json();
        if (!answer.isArray()) {
            assertThatJson(answer).inPath("error").isEqualTo("""
                    {"code":-32603,"message":"daemon shutting down"}""");
            return 0;
        }
        assertThat(answer).hasSize(BATCH);
        long succeeded = 0;
        for (JsonNode response : answer) {
            if (response.has("result")) {
                assertThat(response.at("/result/isError").asBoolean()).as("%s", response).isFalse();
                succeeded++;
            } else {
                assertThatJson(response).inPath("error.code").isEqualTo(-32603);
                assertThatJson(response).inPath("error.message").isEqualTo("daemon shutting down");
            }
        }
        return succeeded;
    }

    /** Check 33. */
    @Test
    void shutdownCompletesThePostEndsTheGetAndExitsZero() throws Exception {
        Path root = dir.resolve("home");
        String session;
        long written;
        try (DaemonProcess daemon = DaemonProcess.start(root)) {
            McpHttp mcp = McpHttp.at(daemon.httpBase()).withToken(daemon.authToken()).withNamespace("shutdown");
            session = mcp.initialize("2025-03-26").id();
            McpHttp.Stream get = mcp.get(session, null);
            assertThat(get.status()).isEqualTo(200);
            SseReader events = get.events();

            CompletableFuture<McpHttp.Reply> post = mcp.postAsync(session, addFactBatch());
            JsonNode firstWrite = events.nextEvent(TIMEOUT).json();
            assertThatJson(firstWrite).inPath("params.data.op").isEqualTo("add_fact");
            int exitStatus = daemon.terminate(Duration.ofSeconds(30));

            McpHttp.Reply reply = post.get(30, TimeUnit.SECONDS);
            SseReader.End end = events.awaitEnd(TIMEOUT);
            long notified = events.receivedEvents().size();
            assertThat(exitStatus).isZero();
            assertThat(end.clean()).as("the GET ended with the terminating chunk: %s", end).isTrue();
            written = assertCompleted(reply);
            assertThat(notified).as("the GET ended before the batch's last write: the POST was in flight")
                    .isLessThan(written);
        }

        try (DaemonProcess restarted = DaemonProcess.start(root)) {
            McpHttp mcp = McpHttp.at(restarted.httpBase()).withToken(restarted.authToken()).withNamespace("shutdown");

            McpHttp.Reply stale = mcp.call(session, "ping", null);

            assertThat(stale.status()).isEqualTo(404);
            assertThatJson(stale.text()).inPath("error.message").isEqualTo("Session not found");
            JsonNode count = mcp.toolResult(mcp.initialize(McpHttp.LATEST).id(), "memory_fact_count", "{}");
            assertThat(count.at("/structuredContent/fact_count").asLong()).as("every acknowledged write is durable")
                    .isBetween(written, (long) BATCH);
            assertThat(restarted.terminate(Duration.ofSeconds(30))).isZero();
        }
    }
}
