package dev.agentd.daemon.agents;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;
import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Supervisor behaviour that depends on how the daemon was started (agents §8 checks 5, 28). */
class AgentsConfigE2ETest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Path SCRATCH = scratchDir();

    private static Path scratchDir() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "scratch-check"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class WithScratchDirs {
        @RegisterExtension
        final DaemonExtension agentd = DaemonExtension.builder()
                .configure(config -> config.withScratchDirs(List.of(SCRATCH)))
                .build();

        /** Check 28. */
        @Test
        void commandUnderAConfiguredScratchDirectoryIsRefused() throws Exception {
            Path script = SCRATCH.resolve("tool.sh");
            Files.writeString(script, "#!/bin/sh\n");
            script.toFile().setExecutable(true, true);
            assertRpcError(() -> agentd.connect().call("agents.upsert",
                            Map.of("id", "scratchy", "command", script.toString()), TIMEOUT),
                    -32602, "invalid command '" + script + "': under scratch directory " + SCRATCH);
        }

        /**
         * Check 26. The command is a copy of sh under the build directory; this daemon's scratch
         * list does not include /tmp, so the test also works from a checkout under /tmp.
         */
        @Test
        void deletedCommandFailsHealthAndStart() throws Exception {
            AgentScripts scripts = AgentScripts.create();
            Path copy = scripts.dir().resolve("own-sh");
            Files.copy(Path.of("/bin/sh"), copy);
            copy.toFile().setExecutable(true, true);
            RpcClient client = agentd.connect();
            client.call("agents.upsert", Map.of("id", "vanishing", "command", copy.toString()), TIMEOUT);
            Files.delete(copy);
            JsonNode health = client.call("agents.health", null, TIMEOUT).get(0);
            assertThat(health.get("id").asText()).isEqualTo("vanishing");
            assertThat(health.get("ok").asBoolean()).isFalse();
            assertThat(health.get("reason").asText()).contains("not found");
            assertRpcErrorStartsWith(() -> client.call("agents.start", Map.of("id", "vanishing"), TIMEOUT), -32603,
                    "failed to start agent 'vanishing': ");
            assertThat(client.call("agents.list", null, TIMEOUT).get(0).get("status").asText()).isEqualTo("errored");
        }

        @Test
        void theDefaultScratchDirectoriesAreReplaced() throws Exception {
            Path tmpScript = Files.createTempFile("agentd-tmp", ".sh");
            try {
                tmpScript.toFile().setExecutable(true, true);
                JsonNode row = agentd.connect().call("agents.upsert",
                        Map.of("id", "in-tmp", "command", tmpScript.toString()), TIMEOUT);
                assertThat(row.at("/spec/command").asText()).isEqualTo(tmpScript.toString());
            } finally {
                Files.deleteIfExists(tmpScript);
            }
        }
    }

    @Nested
    class WithoutAuth {
        @RegisterExtension
        final DaemonExtension agentd = DaemonExtension.builder().noAuth().build();

        /** Check 5, --no-auth part: the child gets no AGENTD_TOKEN. */
        @Test
        void childHasNoDaemonTokenUnderNoAuth() throws Exception {
            AgentScripts scripts = AgentScripts.create();
            Path envFile = scripts.dir().resolve("env.txt");
            RpcClient client = agentd.open();
            client.call("agents.upsert", Map.of("id", "bare", "command", "/bin/sh",
                    "args", List.of(scripts.dumpsEnvironment(envFile).toString())), TIMEOUT);
            client.call("agents.start", Map.of("id", "bare"), TIMEOUT);
            await().atMost(TIMEOUT).until(() -> Files.exists(envFile) && Files.readString(envFile).contains("AGENTD_AGENT_ID"));
            assertThat(Files.readString(envFile)).doesNotContain("AGENTD_TOKEN=").contains("AGENTD_AGENT_TOKEN=");
            client.call("agents.stop", Map.of("id", "bare", "signal", "kill"), TIMEOUT);
        }

        /** Core §6.5: the agent binds only with its own token; otherwise the call succeeds unbound. */
        @Test
        void agentBindsOnlyWithItsOwnTokenUnderNoAuth() throws Exception {
            RpcClient client = agentd.open();
            client.call("agents.upsert", Map.of("id", "bound", "command", "/bin/sh"), TIMEOUT);
            String token = Json.mapper().readTree(Files.readAllBytes(agentd.root().resolve("agents.json")))
                    .get(0).get("token").asText();
            JsonNode unbound = agentd.open().call("session.auth", Map.of("token", "anything", "agent_id", "bound"), TIMEOUT);
            assertThat(unbound.has("agent_id")).isFalse();
            assertThat(unbound.get("auth_enabled").asBoolean()).isFalse();
            JsonNode bound = agentd.open().call("session.auth", Map.of("token", token, "agent_id", "bound"), TIMEOUT);
            assertThat(bound.get("agent_id").asText()).isEqualTo("bound");
            assertThat(client.call("agents.list", null, TIMEOUT).get(0).get("attached").asBoolean()).isTrue();
        }
    }
}
