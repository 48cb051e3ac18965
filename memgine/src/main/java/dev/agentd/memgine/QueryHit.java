package dev.agentd.memgine;

/**
 * One {@code memory.query} result (memory §3.2). {@code confidence} is the retrieval activation
 * {@code s(v)}, not the fact's stored confidence.
 */
public record QueryHit(String id, String subject, String body, String kind, double confidence) {}
