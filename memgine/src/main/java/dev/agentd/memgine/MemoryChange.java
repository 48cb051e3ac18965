package dev.agentd.memgine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change event (memory §1.2), published after every acknowledged graph mutation.
 *
 * @param op {@code add_fact}, {@code save_knowledge}, {@code save_procedural}, {@code delete},
 *     {@code set_identity}, {@code add_turn}, {@code set_environment}, {@code consolidate} or
 *     {@code load}
 * @param graph the graph's label
 * @param id the node written or deleted, if the op names one
 * @param subject the fact's subject, for fact writes
 * @param factCount valid facts after the mutation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemoryChange(String op, String graph, String id, String subject,
        @JsonProperty("fact_count") int factCount) {}
