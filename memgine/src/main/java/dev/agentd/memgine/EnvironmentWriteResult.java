package dev.agentd.memgine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code memory.set_environment} result (memory §3.8); {@code expiresAt} is RFC 3339 or {@code null}. */
public record EnvironmentWriteResult(String key, boolean replaced, @JsonProperty("expires_at") String expiresAt) {}
