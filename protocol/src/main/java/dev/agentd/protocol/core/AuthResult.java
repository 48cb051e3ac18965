package dev.agentd.protocol.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code session.auth} result (core §6.4); absent fields are omitted on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ok", "auth_enabled", "client_id", "agent_id", "role", "memory_namespace"})
public record AuthResult(
        boolean ok,
        @JsonProperty("auth_enabled") boolean authEnabled,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("agent_id") String agentId,
        String role,
        @JsonProperty("memory_namespace") String memoryNamespace) {
    public static final String HOST_ROLE = "host";
}
