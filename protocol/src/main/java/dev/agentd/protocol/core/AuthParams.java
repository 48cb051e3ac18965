package dev.agentd.protocol.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code session.auth} params (core §6.2): exactly one credential form — {@code token},
 * {@code token + agent_id}, or {@code host_token} — plus an optional {@code memory_namespace}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthParams(
        String token,
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("host_token") String hostToken,
        @JsonProperty("memory_namespace") String memoryNamespace) {

    public AuthParams {
        if (token == null && hostToken == null) {
            throw new IllegalArgumentException("session.auth needs token or host_token");
        }
        if (token != null && hostToken != null) {
            throw new IllegalArgumentException("token and host_token are mutually exclusive");
        }
        if (agentId != null && hostToken != null) {
            throw new IllegalArgumentException("agent_id goes with token, not host_token");
        }
        if (memoryNamespace != null && memoryNamespace.isEmpty()) {
            throw new IllegalArgumentException("memory_namespace must not be empty");
        }
    }

    public static AuthParams daemonToken(String token, String memoryNamespace) {
        return new AuthParams(token, null, null, memoryNamespace);
    }

    public static AuthParams hostToken(String hostToken, String memoryNamespace) {
        return new AuthParams(null, null, hostToken, memoryNamespace);
    }
}
