package dev.agentd.memgine;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Result of a fact write. {@code memory.add_fact} answers {@code factCount} alone (CAR form) or
 * {@code {id, fact_count}}; {@code save_*} answer {@code {id, kind, fact_count}}.
 */
public record FactWriteResult(String id, String kind, @JsonProperty("fact_count") int factCount) {}
