package dev.agentd.browser;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One executed step (browser §8.1): {@code result} when ok; {@code error} and maybe a partial
 * {@code result} when not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceStep(int index, String op, boolean ok, @JsonProperty("duration_ms") long durationMs,
        StepError error, ObjectNode result) {}
