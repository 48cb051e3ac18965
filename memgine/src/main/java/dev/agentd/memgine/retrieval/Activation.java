package dev.agentd.memgine.retrieval;

/** A PPR hit (memory §5.3): a node with its final activation {@code s(v) ≥ 1e-6}. */
public record Activation(String id, long seq, double activation) {}
