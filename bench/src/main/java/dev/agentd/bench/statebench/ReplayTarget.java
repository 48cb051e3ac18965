package dev.agentd.bench.statebench;

/** Where a replay runs: the engine in this JVM, or a real daemon over WebSocket (memory §11.1). */
public interface ReplayTarget extends AutoCloseable {

    /** {@code inproc} or {@code daemon}, as the report names it. */
    String mode();

    /** The graph bound to {@code memory_namespace}; a new namespace is an empty graph. */
    TimelineGraph open(String memoryNamespace);

    @Override
    void close();
}
