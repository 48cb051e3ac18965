package dev.agentd.memgine.retrieval;

/** A seed node (memory §5.2): its id, {@code seq} and seed score. */
public record Seed(String id, long seq, double score) {}
