package dev.agentd.daemon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.DaemonProcess;
import dev.agentd.daemon.mcp.McpHttp;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core §19 check 39 and agents check 27: after authenticated sessions of every form, a failed auth,
 * an agent spawn and MCP requests (with the daemon token, an agent token, and refused ones), no
 * log — stderr or any file under {@code logs/} — contains a token, even at TRACE.
 */
class TokenLoggingE2ETest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Successful MCP requests with both token forms, and refused ones (host token, wrong token). */
    private static void useMcp(DaemonProcess daemon, String daemonToken, String hostToken, String agentToken) {
        McpHttp mcp = McpHttp.at(daemon.httpBase());
        McpHttp.Session session = mcp.withToken(daemonToken).initialize(McpHttp.LATEST);
        assertThat(mcp.withToken(daemonToken).call(session.id(), "tools/call",
                "{\"name\":\"memory_add_fact\",\"arguments\":{\"subject\":\"s\",\"body\":\"b\"}}").status())
                .isEqualTo(200);
        mcp.withToken(agentToken).withAgent("spy").initialize(McpHttp.LATEST);
        assertThat(mcp.withToken(hostToken).call(session.id(), "ping", null).status()).isEqualTo(401);
        assertThat(mcp.withToken("not-" + daemonToken).call(session.id(), "ping", null).status()).isEqualTo(401);
    }

    @Test
    void noTokenReachesAnyLog(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("home");
        List<String> tokens = new ArrayList<>();
        try (DaemonProcess daemon = DaemonProcess.start(root, "--log-level", "trace")) {
            String daemonToken = daemon.authToken();
            String hostToken = Files.readString(root.resolve("host-token")).strip();
            tokens.add(daemonToken);
            tokens.add(hostToken);
            try (RpcClient client = AgentdConnector.connect(daemon.wsUri(), Credential.daemonToken(daemonToken, "t"),
                    null, TIMEOUT)) {
                client.call("agents.upsert", Map.of("id", "spy", "command", "/bin/sh",
                        "args", List.of("-c", "sleep 600")), TIMEOUT);
                client.call("agents.start", Map.of("id", "spy"), TIMEOUT);
                String agentToken = Json.mapper().readTree(Files.readAllBytes(root.resolve("agents.json")))
                        .get(0).get("token").asText();
                tokens.add(agentToken);
                try (RpcClient agent = AgentdConnector.connect(daemon.wsUri(), Credential.agent("spy", agentToken),
                        null, TIMEOUT)) {
                    assertThatThrownBy(() -> agent.call("session.auth", Map.of("token", "not-" + daemonToken), TIMEOUT))
                            .isInstanceOf(RpcException.class);
                }
                AgentdConnector.connect(daemon.wsUri(), Credential.hostToken(hostToken, "t"), null, TIMEOUT).close();
                useMcp(daemon, daemonToken, hostToken, agentToken);
                client.call("agents.stop", Map.of("id", "spy"), TIMEOUT);
            }
            assertThat(daemon.terminate(Duration.ofSeconds(30))).isZero();
            await().atMost(TIMEOUT).until(() -> Files.size(daemon.stderrFile()) > 0);
            List<Path> logs = new ArrayList<>(List.of(daemon.stderrFile()));
            try (Stream<Path> files = Files.list(root.resolve("logs"))) {
                files.forEach(logs::add);
            }
            assertThat(Files.readString(daemon.stderrFile())).as("TRACE logging really ran").contains("TRACE", "INFO");
            for (Path log : logs) {
                String content = Files.readString(log);
                for (String token : tokens) {
                    assertThat(content).as(log + " must not contain a token").doesNotContain(token);
                }
            }
        }
    }
}
