package dev.agentd.daemon.host;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code host.unregister_agent} params (host §4.6). */
public record AgentRefParams(@JsonProperty("agent_id") String agentId) {
    public AgentRefParams {
        if (agentId == null) {
            throw new IllegalArgumentException("'agent_id' is required");
        }
    }
}
