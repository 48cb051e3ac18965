package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A registered agent as the host surface shows it (host §2.1). Every field is always written,
 * unset ones as {@code null}. Rows are immutable: each change makes a new one.
 *
 * @param sessionId the owner's {@code clientId}; null when the row is ownerless (host §6)
 */
public record HostAgent(
        String id,
        String name,
        String kind,
        List<String> capabilities,
        String project,
        String status,
        @JsonProperty("current_task") String currentTask,
        Integer pid,
        JsonNode display,
        JsonNode metadata,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("registered_at") String registeredAt,
        @JsonProperty("updated_at") String updatedAt) {

    public static final String IDLE = "idle";
    public static final String WAITING_FOR_APPROVAL = "waiting_for_approval";
    public static final String STOPPED = "stopped";
    public static final Set<String> STATUSES =
            Set.of(IDLE, "running", WAITING_FOR_APPROVAL, "paused", "completed", "errored", STOPPED);

    /** A new row, or an ownerless row claimed: owned by {@code owner}, idle, no task. */
    static HostAgent registered(String id, RegisterAgentParams params, String owner, String now) {
        return new HostAgent(id, params.name(), params.kind(), params.capabilities(), params.project(), IDLE, null,
                params.pidValue(), params.display(), params.metadata(), owner, now, now);
    }

    /** The owner re-registers: descriptive fields replaced, status and task kept. */
    HostAgent redescribed(RegisterAgentParams params, String now) {
        return new HostAgent(id, params.name(), params.kind(), params.capabilities(), params.project(), status,
                currentTask, params.pidValue(), params.display(), params.metadata(), sessionId, registeredAt, now);
    }

    HostAgent withStatus(String newStatus, String newTask, String now) {
        return new HostAgent(id, name, kind, capabilities, project, newStatus, newTask, pid, display, metadata,
                sessionId, registeredAt, now);
    }

    /** The owner's connection closed (host §6): stopped, no task, ownerless. */
    HostAgent released(String now) {
        return new HostAgent(id, name, kind, capabilities, project, STOPPED, null, pid, display, metadata,
                null, registeredAt, now);
    }

    boolean ownedBy(String clientId) {
        return clientId.equals(sessionId);
    }

    boolean ownerless() {
        return sessionId == null;
    }
}
