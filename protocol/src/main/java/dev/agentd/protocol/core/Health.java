package dev.agentd.protocol.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code /healthz} body (core §17): no secrets, no paths. */
@JsonPropertyOrder({"status", "version", "protocol_version", "pid", "uptime_ms", "auth_enabled"})
public record Health(
        String status,
        String version,
        @JsonProperty("protocol_version") int protocolVersion,
        long pid,
        @JsonProperty("uptime_ms") long uptimeMs,
        @JsonProperty("auth_enabled") boolean authEnabled) {}
