package dev.agentd.daemon.memory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentd.memgine.params.MemoryParams;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The private status slots of one caller — a WebSocket connection or an MCP session (memory
 * §3.6): {@code proactive-status:<tenant_id or "global">} → body. Never part of a graph, never
 * journaled, gone with the caller.
 */
public final class StatusSlots {
    /** Ids of this prefix name a status slot, not a fact (memory §3.4). */
    public static final String ID_PREFIX = "proactive-status:";

    private final Map<String, String> bodies = new ConcurrentHashMap<>();

    /** {@code memory.update_status} result: {@code {id, body, tenant_id?}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusResult(String id, String body, @JsonProperty("tenant_id") String tenantId) {}

    static boolean isStatusId(String id) {
        return id.startsWith(ID_PREFIX);
    }

    /** Stores the body in its slot; a later update of the same slot overwrites it. */
    StatusResult update(MemoryParams.UpdateStatus status) {
        bodies.put(status.slotId(), status.body());
        return new StatusResult(status.slotId(), status.body(), status.tenantId());
    }

    /** Empties the slot {@code id}; true if it held a status. */
    boolean clear(String id) {
        return bodies.remove(id) != null;
    }
}
