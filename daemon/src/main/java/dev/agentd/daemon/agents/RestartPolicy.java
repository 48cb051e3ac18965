package dev.agentd.daemon.agents;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When the supervisor respawns an exited child (agents §4). */
public enum RestartPolicy {
    @JsonProperty("never") NEVER,
    @JsonProperty("on_failure") ON_FAILURE,
    @JsonProperty("always") ALWAYS;

    /** Whether an exit (not caused by a stop) with {@code exitCode} leads to a restart. */
    boolean restartsAfter(int exitCode) {
        return this == ALWAYS || (this == ON_FAILURE && exitCode != 0);
    }
}
