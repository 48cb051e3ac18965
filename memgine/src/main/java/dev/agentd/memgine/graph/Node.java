package dev.agentd.memgine.graph;

/**
 * A graph node (memory §2.1). {@link #subject()} and {@link #body()} are what seed text and
 * rendering use; {@code seq} orders every tie in the engine (older first).
 */
public sealed interface Node permits Fact, Identity, Turn, EnvironmentEntry {
    long seq();

    String id();

    String subject();

    String body();

    NodeType type();

    /** Expiry in epoch milliseconds, or {@code null} for nodes that never expire. */
    default Long expiresAt() {
        return null;
    }

    /** {@code D(n)} before lowercasing: {@code subject + " " + body}. */
    default String document() {
        return subject() + " " + body();
    }
}
