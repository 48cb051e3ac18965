package dev.agentd.memgine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code memory.delete} result (memory §3.4); {@code kind} is {@code null} when nothing matched. */
public record DeleteResult(String id, boolean deleted, String kind, @JsonProperty("fact_count") int factCount) {}
