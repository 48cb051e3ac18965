package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A registered agent ({@code /bin/sh}, never started) and a connection bound to it with its own
 * token, recording runs the way an agent process does: only such a connection may write an
 * agent's turns (runs §2).
 */
final class BoundAgent implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String id;
    private final RpcClient client;

    private BoundAgent(String id, RpcClient client) {
        this.id = id;
        this.client = client;
    }

    /** Upserts {@code id} through {@code admin} (a daemon-token connection) and binds a new connection to it. */
    static BoundAgent register(RpcClient admin, URI daemon, Path root, String id) {
        admin.call("agents.upsert", Map.of("id", id, "command", "/bin/sh"), TIMEOUT);
        return new BoundAgent(id, AgentdConnector.connect(daemon, Credential.agent(id, tokenOf(root, id)), null, TIMEOUT));
    }

    String id() {
        return id;
    }

    /** {@code runs.start {intent}}: the new run's id. */
    String startRun(String intent) {
        return client.call("runs.start", Map.of("intent", intent), TIMEOUT).get("run_id").asText();
    }

    /** One {@code runs.record_turns} batch of {@code turns} (each a JSON object literal). */
    void recordTurns(String runId, String... turns) {
        ObjectNode params = Json.mapper().createObjectNode().put("run_id", runId);
        ArrayNode batch = params.putArray("turns");
        for (String turn : turns) {
            batch.add(TestJson.parse(turn));
        }
        JsonNode result = client.call("runs.record_turns", params, TIMEOUT);
        if (!result.path("ok").asBoolean()) {
            throw new AssertionError("runs.record_turns dropped the batch: " + result);
        }
    }

    void complete(String runId, String summary) {
        client.call("runs.complete", Map.of("run_id", runId,
                "outcome", Map.of("status", "success", "summary", summary)), TIMEOUT);
    }

    private static String tokenOf(Path root, String id) {
        try {
            for (JsonNode entry : Json.mapper().readTree(Files.readAllBytes(root.resolve("agents.json")))) {
                if (entry.path("id").asText().equals(id)) {
                    return entry.get("token").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no agent " + id + " in agents.json");
    }

    @Override
    public void close() {
        client.close();
    }
}
