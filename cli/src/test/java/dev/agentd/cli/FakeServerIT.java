package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client side of the connect recipe against fake servers that misbehave on purpose
 * (cli §4, checks 21–24 of cli §9).
 */
class FakeServerIT {
    private static final Duration CONNECTION_END = Duration.ofSeconds(10);

    @TempDir
    Path home;

    private AgentdCli cliWithToken(String token) {
        return new AgentdCli().env("AGENTD_HOME", home.toString()).env("AGENTD_TOKEN", token);
    }

    /** cli check 21, first part: TCP accepted, upgrade never answered. */
    @Test
    void upgradeThatIsNeverAnsweredTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "ws://127.0.0.1:" + silent.getLocalPort() + "/";

            CliResult result = cliWithToken("t0k3n").env("AGENTD_TIMEOUT", "1")
                    .run("call", "test.block", "--url", url);

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("agentd: timed out after 1s waiting for upgrade from " + url + "\n");
            assertThat(result.stdout()).isEmpty();
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(3));
        }
    }

    /** cli check 21, second part: upgraded, then {@code session.auth} is never answered. */
    @Test
    void authReplyThatNeverComesTimesOut() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(message -> new FakeWebSocketServer.Ignore())) {
            CliResult result = cliWithToken("t0k3n").env("AGENTD_TIMEOUT", "1")
                    .run("call", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr())
                    .isEqualTo("agentd: timed out after 1s waiting for session.auth from " + server.url() + "\n");
            assertThat(result.stdout()).isEmpty();
            awaitConnectionEnd(server);
            assertThat(server.methods()).containsExactly("session.auth");
        }
    }

    /** cli check 21, third part. */
    @Test
    void malformedTimeoutIsUsageError() {
        CliResult result = cliWithToken("t0k3n").env("AGENTD_TIMEOUT", "abc")
                .run("call", "test.block", "--url", "ws://127.0.0.1:1/");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr())
                .isEqualTo("agentd: AGENTD_TIMEOUT must be a positive number of seconds, got 'abc'\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** cli check 22, first part. */
    @Test
    void handshakeAnsweredWithAnotherVersionIsProtocolMismatch() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(message ->
                message.path("method").asText().equals("server.handshake")
                        ? FakeWebSocketServer.result(message, Json.mapper().createObjectNode()
                                .put("protocol_version", 3).put("server_version", "9.0.0"))
                        : FakeWebSocketServer.agentdLike(message))) {
            CliResult result = cliWithToken("t0k3n").run("call", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("agentd: protocol version mismatch: daemon at " + server.url()
                    + " speaks 3, this client speaks 2\n");
            assertThat(result.stdout()).isEmpty();
            awaitConnectionEnd(server);
            assertThat(server.methods()).containsExactly("session.auth", "server.handshake");
        }
    }

    /** cli check 22, second part: a JSON-RPC peer that has no {@code server.handshake}. */
    @Test
    void handshakeUnknownToPeerIsNotAgentdProtocol() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(message ->
                message.path("method").asText().equals("server.handshake")
                        ? FakeWebSocketServer.error(message, -32601, "method not found: server.handshake")
                        : FakeWebSocketServer.agentdLike(message))) {
            CliResult result = cliWithToken("t0k3n").run("call", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr())
                    .isEqualTo("agentd: the daemon at " + server.url() + " does not speak agentd protocol 2\n");
            assertThat(result.stdout()).isEmpty();
            awaitConnectionEnd(server);
            assertThat(server.methods()).containsExactly("session.auth", "server.handshake");
        }
    }

    /**
     * cli checks 23 and 24, and the recipe of cli §4.1: ids 1, 2, 3 in order, no {@code Origin},
     * no subprotocol or extension, and an agent's exported credentials are never presented.
     */
    @Test
    void recipeSendsDaemonTokenOnlyAndNoOrigin() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(FakeWebSocketServer::agentdLike)) {
            CliResult result = cliWithToken("daemon-s3cret")
                    .env("AGENTD_AGENT_ID", "trader")
                    .env("AGENTD_AGENT_TOKEN", "agent-s3cret")
                    .run("call", "test.block", "{\"ms\":0}", "--json", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(0);
            assertThat(result.stdout()).isEqualTo("{\"echo\":\"test.block\"}\n");
            awaitConnectionEnd(server);
            List<JsonNode> messages = server.messages();
            assertThat(messages).hasSize(3);
            assertThatJson(messages.get(0)).isEqualTo(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.auth\",\"params\":{\"token\":\"daemon-s3cret\"}}");
            assertThatJson(messages.get(1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"server.handshake\","
                    + "\"params\":{\"protocol_version\":2,\"client_version\":\"0.1.0\"}}");
            assertThatJson(messages.get(2)).isEqualTo(
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"test.block\",\"params\":{\"ms\":0}}");
            Map<String, List<String>> upgrade = server.upgradeRequests().get(0);
            assertThat(upgrade).doesNotContainKeys("origin", "sec-websocket-protocol", "sec-websocket-extensions");
            assertThat(upgrade).containsKey("sec-websocket-key");
        }
    }

    /** cli check 23 for a host-token command: {@code host_token} alone, never an agent id. */
    @Test
    void hostRoleSendsHostTokenOnly() throws IOException {
        Files.writeString(home.resolve("host-token"), "host-s3cret\n");
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(FakeWebSocketServer::agentdLike)) {
            CliResult result = cliWithToken("daemon-s3cret")
                    .env("AGENTD_AGENT_ID", "trader")
                    .env("AGENTD_AGENT_TOKEN", "agent-s3cret")
                    .run("call", "--host-role", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(0);
            awaitConnectionEnd(server);
            assertThatJson(server.messages().get(0).get("params")).isEqualTo("{\"host_token\":\"host-s3cret\"}");
        }
    }

    /** cli §3.3: with {@code --namespace} and no token, {@code session.auth} still binds the namespace. */
    @Test
    void namespaceIsSentWithOrWithoutToken() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(FakeWebSocketServer::agentdLike)) {
            AgentdCli withoutToken = new AgentdCli().env("AGENTD_HOME", home.toString());
            CliResult anonymous = withoutToken.run("call", "test.block", "--namespace", "proj-42", "--url", server.url());
            CliResult authenticated = cliWithToken("daemon-s3cret")
                    .run("call", "test.block", "--namespace", "proj-42", "--url", server.url());

            assertThat(anonymous.exitCode()).as(anonymous.describe()).isEqualTo(0);
            assertThat(authenticated.exitCode()).as(authenticated.describe()).isEqualTo(0);
            await().atMost(CONNECTION_END).until(() -> server.endedConnections() == 2);
            List<JsonNode> auths = server.messages().stream()
                    .filter(message -> message.path("method").asText().equals("session.auth")).toList();
            assertThat(auths).hasSize(2);
            assertThatJson(auths.get(0).get("params")).isEqualTo("{\"token\":\"\",\"memory_namespace\":\"proj-42\"}");
            assertThatJson(auths.get(1).get("params"))
                    .isEqualTo("{\"token\":\"daemon-s3cret\",\"memory_namespace\":\"proj-42\"}");
        }
    }

    /** cli §3.3: no token anywhere → no {@code session.auth} at all. */
    @Test
    void withoutTokenAuthIsSkipped() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(FakeWebSocketServer::agentdLike)) {
            CliResult result = new AgentdCli().env("AGENTD_HOME", home.toString())
                    .run("call", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(0);
            awaitConnectionEnd(server);
            assertThat(server.methods()).containsExactly("server.handshake", "test.block");
        }
    }

    /** cli §4.1 step 2: an HTTP answer other than 101. */
    @Test
    void upgradeRejectedIsNotAnAgentdEndpoint() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.rejectingUpgrade(404)) {
            CliResult result = cliWithToken("t0k3n").run("call", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr())
                    .isEqualTo("agentd: " + server.url() + " is not an agentd WebSocket endpoint (HTTP 404)\n");
            assertThat(result.stdout()).isEmpty();
        }
    }

    /** cli §4.2: the socket closes before the awaited reply. */
    @Test
    void closeBeforeReplyIsReportedWithCodeAndReason() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(message ->
                new FakeWebSocketServer.Close(1011, "boom"))) {
            CliResult result = cliWithToken("t0k3n").run("call", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr())
                    .isEqualTo("agentd: connection to " + server.url() + " closed before a reply (1011 boom)\n");
            assertThat(result.stdout()).isEmpty();
        }
    }

    /** cli §4.2: -32001 although a token was presented → the daemon's message, once prefixed. */
    @Test
    void authRequiredWithTokenShowsDaemonMessage() throws IOException {
        try (FakeWebSocketServer server = FakeWebSocketServer.upgrading(message ->
                message.path("method").asText().equals("server.handshake")
                        ? FakeWebSocketServer.error(message, -32001, "auth required: call session.auth with a valid token first")
                        : FakeWebSocketServer.agentdLike(message))) {
            CliResult result = cliWithToken("t0k3n").run("call", "test.block", "--url", server.url());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr())
                    .isEqualTo("agentd: auth required: call session.auth with a valid token first\n");
            assertThat(result.stdout()).isEmpty();
        }
    }

    private static void awaitConnectionEnd(FakeWebSocketServer server) {
        await().atMost(CONNECTION_END).until(() -> server.endedConnections() >= 1);
    }
}
