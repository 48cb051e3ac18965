package dev.agentd.daemon.memory;

import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonProcess;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory §12 check 18 against a real daemon process: every acknowledged write survives
 * {@code kill -9} (memory §9.3: a write is acknowledged only after its journal record is durable).
 */
class MemoryCrashE2ETest {
    private static final int CLIENTS = 8;
    private static final int WRITES_PER_CLIENT = 125;
    private static final String NAMESPACE = "durable";

    @TempDir
    Path temp;

    @Test
    void acknowledgedWritesSurviveKill9() throws Exception {
        Path root = temp.resolve("home");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (DaemonProcess daemon = DaemonProcess.start(root)) {
            String token = daemon.authToken();
            List<CompletableFuture<Void>> writers = IntStream.range(0, CLIENTS)
                    .mapToObj(client -> CompletableFuture.runAsync(
                            () -> writeFacts(daemon, token, client, acknowledged)))
                    .toList();
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();

            daemon.kill();
        }

        try (DaemonProcess restarted = DaemonProcess.start(root);
                RpcClient client = bind(restarted, restarted.authToken())) {
            assertThat(MemoryConnections.factCount(client)).isEqualTo(CLIENTS * WRITES_PER_CLIENT);
            client.call("memory.persist", Map.of("path", "after-kill.json"), TIMEOUT);
            JsonNode export = Json.mapper().readTree(root.resolve("memory/files/after-kill.json").toFile());
            assertThat(export.get("facts").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
        assertThat(acknowledged).hasSize(CLIENTS * WRITES_PER_CLIENT);
    }

    private static void writeFacts(DaemonProcess daemon, String token, int clientNumber, Set<String> acknowledged) {
        try (RpcClient client = bind(daemon, token)) {
            for (int i = 0; i < WRITES_PER_CLIENT; i++) {
                JsonNode written = client.call("memory.add_fact",
                        fact("client " + clientNumber, "write " + i).set("tags", Json.mapper().valueToTree(List.of("crash"))),
                        TIMEOUT);
                acknowledged.add(written.get("id").asText());
            }
        }
    }

    private static RpcClient bind(DaemonProcess daemon, String token) {
        RpcClient client = RpcClient.open(daemon.wsUri(), TIMEOUT);
        client.call("session.auth", Map.of("token", token, "memory_namespace", NAMESPACE), TIMEOUT);
        return client;
    }
}
