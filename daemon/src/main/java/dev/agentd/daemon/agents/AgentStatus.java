package dev.agentd.daemon.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/** The statuses of the supervisor's state machine (agents §4). */
public enum AgentStatus {
    @JsonProperty("stopped") STOPPED,
    @JsonProperty("starting") STARTING,
    @JsonProperty("running") RUNNING,
    @JsonProperty("backoff") BACKOFF,
    @JsonProperty("errored") ERRORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentStatus> fromWire(String name) {
        for (AgentStatus status : values()) {
            if (status.wireName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
