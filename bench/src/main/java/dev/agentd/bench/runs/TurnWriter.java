package dev.agentd.bench.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.bench.fanout.DaemonUnderTest;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.util.Map;

/**
 * An agent's bound connection recording turns into its current run. A run holds at most 2000
 * turns (runs §5), so a writer that has filled one completes it and starts the next
 * ({@link #rotate}); callers decide whether that time counts.
 */
final class TurnWriter implements AutoCloseable {
    static final int RUN_TURN_LIMIT = 2000;
    /** A turn of a typical size: about 500 bytes on disk. */
    private static final ObjectNode TURN = Json.mapper().createObjectNode()
            .put("prompt", "p".repeat(200)).put("tool", "search").put("output", "o".repeat(200));

    private final RpcClient agent;
    private String runId;
    private int turnCount;

    TurnWriter(RpcClient agent) {
        this.agent = agent;
        startRun();
    }

    String runId() {
        return runId;
    }

    /** True when {@code batch} more turns would pass the run's limit. */
    boolean full(int batch) {
        return turnCount + batch > RUN_TURN_LIMIT;
    }

    /** Completes the current run and starts a new one. */
    void rotate() {
        agent.call("runs.complete", Map.of("run_id", runId, "outcome", Map.of("status", "success")),
                DaemonUnderTest.TIMEOUT);
        startRun();
    }

    /**
     * One {@code runs.record_turns} call of {@code batch} turns, fsynced by the daemon before it
     * replies.
     *
     * @return the run's turn count after it: the cursor of the batch's last {@code runs.trace.event}
     */
    int append(int batch) {
        ObjectNode params = Json.mapper().createObjectNode().put("run_id", runId);
        ArrayNode turns = params.putArray("turns");
        for (int i = 0; i < batch; i++) {
            turns.add(TURN);
        }
        JsonNode result = agent.call("runs.record_turns", params, DaemonUnderTest.TIMEOUT);
        if (!result.path("ok").asBoolean()) {
            throw new IllegalStateException("runs.record_turns dropped a batch: " + result);
        }
        turnCount += batch;
        return turnCount;
    }

    private void startRun() {
        runId = agent.call("runs.start", Map.of("intent", "benchmark"), DaemonUnderTest.TIMEOUT).get("run_id").asText();
        turnCount = 0;
    }

    @Override
    public void close() {
        agent.close();
    }
}
