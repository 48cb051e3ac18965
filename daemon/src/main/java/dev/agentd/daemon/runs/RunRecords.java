package dev.agentd.daemon.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.Timestamps;
import java.time.Clock;
import java.time.Instant;

/**
 * The records of a run (runs §1), built as JSON objects because they are stored and streamed
 * exactly as they are: {@code started}, {@code turn}, {@code ended}.
 */
final class RunRecords {
    static final String IN_PROGRESS = "in_progress";
    static final String COMPLETED = "completed";
    static final String INCOMPLETE = "incomplete";

    private RunRecords() {}

    static String timestamp(Clock clock) {
        return Timestamps.format(Instant.now(clock));
    }

    static ObjectNode started(String runId, String agentId, String intent, String agentName, String outcomeDescription,
            String startedAt) {
        ObjectNode record = Json.mapper().createObjectNode()
                .put("record", "started").put("run_id", runId).put("agent_id", agentId).put("intent", intent);
        if (agentName != null) {
            record.put("agent_name", agentName);
        }
        if (outcomeDescription != null) {
            record.put("outcome_description", outcomeDescription);
        }
        return record.put("started_at", startedAt);
    }

    static ObjectNode completed(JsonNode outcome, String endedAt, int turnCount) {
        ObjectNode record = Json.mapper().createObjectNode().put("record", "ended").put("status", COMPLETED);
        record.set("outcome", outcome);
        return record.put("ended_at", endedAt).put("turn_count", turnCount);
    }

    /** @param reason {@code connection_closed}, {@code daemon_shutdown} or {@code daemon_restart} */
    static ObjectNode incomplete(String reason, String endedAt, int turnCount) {
        ObjectNode record = Json.mapper().createObjectNode().put("record", "ended").put("status", INCOMPLETE);
        record.putObject("incomplete").put("reason", reason);
        return record.put("ended_at", endedAt).put("turn_count", turnCount);
    }

    static boolean isEnded(JsonNode record) {
        return "ended".equals(record.path("record").asText());
    }

    static boolean isTurn(JsonNode record) {
        return "turn".equals(record.path("record").asText());
    }
}
