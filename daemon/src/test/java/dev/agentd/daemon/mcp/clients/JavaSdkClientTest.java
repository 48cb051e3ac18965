package dev.agentd.daemon.mcp.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.mcp.McpHttp;
import dev.agentd.daemon.mcp.McpSettings;
import dev.agentd.protocol.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp} 2.0.1) as a client of
 * {@code /mcp} (mcp §15.5, check 36). An ordinary Maven test dependency: never skipped.
 */
class JavaSdkClientTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String PRIMERLESS_VERSION = "2025-06-18";
    private static final List<String> TOOL_NAMES = List.of("memory_add_fact", "memory_query", "memory_build_context",
            "memory_save_knowledge", "memory_save_procedural", "memory_delete", "memory_update_status",
            "memory_fact_count");

    @RegisterExtension
    static final DaemonExtension daemon = DaemonExtension.builder().build();

    private final List<McpSyncClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::close);
    }

    @Test
    void initializeAndListTools() {
        McpSyncClient client = connect(daemon, new SessionRecorder(), notification -> { });

        assertThat(client.getServerInfo().name()).isEqualTo("agentd");
        assertThat(client.getCurrentInitializationResult().protocolVersion()).isEqualTo("2025-11-25");
        assertThat(client.listTools().tools()).extracting(Tool::name).containsExactlyElementsOf(TOOL_NAMES);
    }

    @Test
    void addAFactAndQueryIt() {
        McpSyncClient client = connect(daemon, new SessionRecorder(), notification -> { });

        CallToolResult added = client.callTool(new CallToolRequest("memory_add_fact",
                Map.of("subject", "java-sdk", "body", "the Java SDK test wrote this fact")));
        assertThat(added.isError()).as("%s", added.content()).isNotEqualTo(Boolean.TRUE);
        assertThat(added.structuredContent()).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsKeys("id", "fact_count");
        Object id = ((Map<?, ?>) added.structuredContent()).get("id");

        CallToolResult found = client.callTool(new CallToolRequest("memory_query", Map.of("query", "Java SDK test")));
        assertThat(found.isError()).as("%s", found.content()).isNotEqualTo(Boolean.TRUE);
        assertThat(Json.mapper().valueToTree(found.structuredContent()).path("results").findValuesAsText("id"))
                .contains(id.toString());
    }

    /**
     * The SDK 2.0.1's SSE parser fails a stream on any line other than {@code data:}, {@code id:},
     * {@code event:} or a comment, so the {@code retry:} line of the 2025-11-25 primer (mcp §8.7)
     * ends its GET stream before any event. This client therefore negotiates 2025-06-18, whose
     * GET streams carry no primer; the notification path is the same.
     */
    @Test
    void aWebSocketWriteArrivesAsALoggingNotificationOverTheGetStream() {
        List<LoggingMessageNotification> notifications = new CopyOnWriteArrayList<>();
        SessionRecorder recorder = new SessionRecorder();
        McpSyncClient client = connect(daemon, recorder, notifications::add,
                transport -> transport.supportedProtocolVersions(List.of(PRIMERLESS_VERSION)));
        assertThat(client.getCurrentInitializationResult().protocolVersion()).isEqualTo(PRIMERLESS_VERSION);
        client.setLoggingLevel(LoggingLevel.INFO);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.methods()).contains("GET"));

        daemon.connect().call("memory.add_fact", Json.mapper().createObjectNode()
                .put("subject", "java-sdk-notified").put("body", "written over WebSocket"), DaemonExtension.TIMEOUT);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(notifications)
                .anySatisfy(notification -> {
                    assertThat(notification.logger()).isEqualTo("agentd.memory");
                    assertThat(notification.data()).contains("add_fact").contains("java-sdk-notified");
                }));
    }

    @Test
    void closeGracefullyDeletesTheSession() throws Exception {
        SessionRecorder recorder = new SessionRecorder();
        McpSyncClient client = connect(daemon, recorder, notification -> { });
        client.ping();
        String session = recorder.sessionId().orElseThrow(() -> new AssertionError("the SDK sent no Mcp-Session-Id"));

        assertThat(client.closeGracefully()).isTrue();

        assertThat(recorder.methods()).contains("DELETE");
        assertThat(pingStatus(daemon, session)).isEqualTo(404);
    }

    /** {@code --mcp-max-age 3s} */
    @Nested
    class AbsoluteTtl {
        @RegisterExtension
        final DaemonExtension shortLived = DaemonExtension.builder()
                .configure(config -> config.withMcp(McpSettings.DEFAULTS.withMaxAge(Duration.ofSeconds(3))))
                .build();

        /**
         * Past the absolute TTL the SDK either re-initializes and succeeds, or fails the call because
         * the session was not found (mcp §15.5 allows both); either way a new client works. The SDK
         * 2.0.1 reports the second outcome as the dismissal of the pending request ("MCP session with
         * server terminated") after its transport saw the 404, not with
         * {@link McpTransportSessionNotFoundException} in the cause chain; both count as "failed".
         */
        @Test
        void anExpiredSessionFailsOrIsReplaced() throws Exception {
            SessionRecorder recorder = new SessionRecorder();
            McpSyncClient client = connect(shortLived, recorder, notification -> { });
            client.ping();
            String session = recorder.sessionId().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> pingStatus(shortLived, session) == 404);

            String outcome;
            try {
                CallToolResult result = client.callTool(new CallToolRequest("memory_fact_count", Map.of()));
                assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
                assertThat(recorder.sessionId()).as("the session of the retried call").isPresent().isNotEqualTo(Optional.of(session));
                outcome = "succeeded after re-initializing";
            } catch (RuntimeException e) {
                assertThat(causes(e)).as("why the call failed").anyMatch(cause ->
                        cause instanceof McpTransportSessionNotFoundException
                                || "MCP session with server terminated".equals(cause.getMessage()));
                outcome = "failed: " + e.getMessage();
            }
            System.out.println("Java SDK past the absolute TTL: " + outcome);

            McpSyncClient fresh = connect(shortLived, new SessionRecorder(), notification -> { });
            assertThat(fresh.callTool(new CallToolRequest("memory_fact_count", Map.of())).isError()).isNotEqualTo(Boolean.TRUE);
        }
    }

    private McpSyncClient connect(DaemonExtension target, SessionRecorder recorder,
            Consumer<LoggingMessageNotification> logging) {
        return connect(target, recorder, logging, UnaryOperator.identity());
    }

    private McpSyncClient connect(DaemonExtension target, SessionRecorder recorder,
            Consumer<LoggingMessageNotification> logging, UnaryOperator<HttpClientStreamableHttpTransport.Builder> options) {
        HttpClientStreamableHttpTransport transport = options.apply(HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + target.httpBase().getPort())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + target.authToken()))
                .httpRequestCustomizer(recorder::customize)
                .jsonMapper(LoggingDataAsJsonText.mapper()))
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(REQUEST_TIMEOUT)
                .loggingConsumer(logging)
                .build();
        clients.add(client);
        client.initialize();
        return client;
    }

    /** The HTTP status of a {@code ping} on {@code session}, answered within {@link #REQUEST_TIMEOUT}. */
    private static int pingStatus(DaemonExtension target, String session) throws Exception {
        return McpHttp.at(target.httpBase()).withToken(target.authToken())
                .postAsync(session, McpHttp.request("ping", null))
                .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).status();
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /** Records the method and the {@code Mcp-Session-Id} of every request the SDK sends. */
    private static final class SessionRecorder {
        private final List<String> methods = new CopyOnWriteArrayList<>();
        private final AtomicReference<String> sessionId = new AtomicReference<>();

        void customize(HttpRequest.Builder builder, String method, URI endpoint, String body, McpTransportContext context) {
            methods.add(method);
            builder.copy().build().headers().firstValue("Mcp-Session-Id").ifPresent(sessionId::set);
        }

        Optional<String> sessionId() {
            return Optional.ofNullable(sessionId.get());
        }

        List<String> methods() {
            return List.copyOf(methods);
        }
    }
}
