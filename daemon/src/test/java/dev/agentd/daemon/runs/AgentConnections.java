package dev.agentd.daemon.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Registers agents and opens connections bound to them, as supervised children would. */
final class AgentConnections {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private AgentConnections() {}

    /** Upserts {@code id} (a plain /bin/sh, never started) through {@code admin}. */
    static void register(RpcClient admin, String id) {
        admin.call("agents.upsert", Map.of("id", id, "command", "/bin/sh"), TIMEOUT);
    }

    static String tokenOf(Path root, String id) {
        try {
            for (JsonNode entry : Json.mapper().readTree(Files.readAllBytes(root.resolve("agents.json")))) {
                if (entry.get("id").asText().equals(id)) {
                    return entry.get("token").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no agent " + id);
    }

    /** A new connection authenticated with {@code id}'s own token. */
    static RpcClient bind(Supplier<RpcClient> open, Path root, String id) {
        RpcClient client = open.get();
        client.call("session.auth", Map.of("token", tokenOf(root, id), "agent_id", id), TIMEOUT);
        return client;
    }

    static RpcClient bind(URI uri, Path root, String id) {
        return bind(() -> RpcClient.open(uri, TIMEOUT), root, id);
    }
}
