package dev.agentd.daemon.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A row of {@code agents.list} (agents §7): optional fields are absent, never {@code null}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"spec", "status", "pid", "last_exit_code", "restart_count", "started_at", "blocked_by_pid",
    "last_error", "attached", "session_id"})
public record AgentRow(
        AgentSpec spec,
        AgentStatus status,
        Long pid,
        @JsonProperty("last_exit_code") Integer lastExitCode,
        @JsonProperty("restart_count") int restartCount,
        @JsonProperty("started_at") Long startedAt,
        @JsonProperty("blocked_by_pid") Long blockedByPid,
        @JsonProperty("last_error") String lastError,
        boolean attached,
        @JsonProperty("session_id") String sessionId) {}
