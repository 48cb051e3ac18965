package dev.agentd.memgine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code memory.add_turn} result (memory §3.8). */
public record TurnWriteResult(String id, @JsonProperty("turn_count") int turnCount) {}
