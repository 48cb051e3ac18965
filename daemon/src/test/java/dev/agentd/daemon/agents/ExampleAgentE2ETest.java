package dev.agentd.daemon.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example agent shipped in {@code examples/agent/} under real supervision: it attaches with
 * its environment, writes a fact into its own graph, records a run, and exits on SIGTERM.
 */
class ExampleAgentE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("examples/agent/ExampleAgent.java");

    @Test
    void exampleAgentAttachesWritesAFactRecordsARunAndStopsOnSigterm() throws Exception {
        RpcClient admin = agentd.connect();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString();
        admin.call("agents.upsert", Map.of("id", "example", "command", java, "args", List.of(EXAMPLE.toString())), TIMEOUT);
        admin.call("agents.start", Map.of("id", "example"), TIMEOUT);

        RpcClient host = agentd.connectHost();
        await().atMost(TIMEOUT).until(() -> {
            JsonNode runs = host.call("runs.list", Map.of("agent_id", "example"), TIMEOUT).get("runs");
            return runs.size() == 1 && runs.get(0).get("status").asText().equals("completed");
        });
        JsonNode run = host.call("runs.list", Map.of("agent_id", "example"), TIMEOUT).get("runs").get(0);
        assertThat(run.get("turn_count").asInt()).isEqualTo(1);
        assertThat(run.get("intent").asText()).isEqualTo("say hello");
        JsonNode row = admin.call("agents.list", null, TIMEOUT).get(0);
        assertThat(row.get("attached").asBoolean()).as("the agent holds its binding while it runs").isTrue();

        JsonNode stopped = admin.call("agents.stop", Map.of("id", "example"), TIMEOUT);
        assertThat(stopped.get("last_exit_code").asInt()).as("exited on SIGTERM, not SIGKILL").isEqualTo(143);
        await().atMost(Duration.ofSeconds(5)).until(() -> !admin.call("agents.list", null, TIMEOUT).get(0)
                .get("attached").asBoolean());

        String token = Json.mapper().readTree(Files.readAllBytes(agentd.root().resolve("agents.json")))
                .get(0).get("token").asText();
        try (RpcClient asAgent = AgentdConnector.connect(agentd.wsUri(), Credential.agent("example", token), null,
                TIMEOUT)) {
            JsonNode hits = asAgent.call("memory.query", Map.of("query", "example-agent started"), TIMEOUT);
            assertThat(hits.toString()).as("the fact is in the agent's own graph").contains("example-agent");
        }
        assertThat(admin.call("memory.query", Map.of("query", "example-agent started"), TIMEOUT).toString())
                .as("not in the shared graph").doesNotContain("example-agent");
    }
}
