package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.TreeSet;

/**
 * {@code host.set_status} params (host §4.7).
 *
 * @param currentTask absent (Java null): keep the task; JSON {@code null}: clear it; a string:
 *                    set it. Kept as a tree node because a record cannot tell absent from null.
 */
public record SetStatusParams(
        @JsonProperty("agent_id") String agentId,
        String status,
        @JsonProperty("current_task") JsonNode currentTask,
        String message,
        JsonNode payload) {

    public SetStatusParams {
        if (agentId == null) {
            throw new IllegalArgumentException("'agent_id' is required");
        }
        if (status == null) {
            throw new IllegalArgumentException("'status' is required");
        }
        if (!HostAgent.STATUSES.contains(status)) {
            throw new IllegalArgumentException("'status' must be one of " + String.join(", ", sorted(HostAgent.STATUSES))
                    + " (got '" + status + "')");
        }
        if (currentTask != null && !currentTask.isNull()) {
            if (!currentTask.isTextual()) {
                throw new IllegalArgumentException("'current_task' must be a string or null");
            }
            FieldRules.optionalText("current_task", currentTask.textValue(), FieldRules.TEXT_MAX);
        }
        message = FieldRules.optionalText("message", message, FieldRules.TEXT_MAX);
        payload = FieldRules.objectOrEmpty("payload", payload);
    }

    /** The task after this update, given the one before it. */
    String taskAfter(String current) {
        if (currentTask == null) {
            return current;
        }
        return currentTask.isNull() ? null : currentTask.textValue();
    }

    private static Collection<String> sorted(Collection<String> values) {
        return new TreeSet<>(values);
    }
}
