package dev.agentd.daemon.memory;

import dev.agentd.memgine.MemoryChange;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every {@link MemoryChange} to the in-process listeners (the MCP endpoint) on one thread of
 * its own (memory §1.2). The engine reports changes in commit order while holding a graph's commit
 * lock; queueing them on a single thread keeps that order per graph and never blocks the writer,
 * whatever a listener does.
 */
final class ChangePublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    private final List<Consumer<MemoryChange>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService deliveries =
            Executors.newSingleThreadExecutor(new DefaultThreadFactory("agentd-memory-changes", true));

    /** Registers {@code listener}; running the returned action removes it again. */
    Runnable subscribe(Consumer<MemoryChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called by the engine under its commit lock: only queues the event. */
    void publish(MemoryChange change) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            deliveries.execute(() -> deliver(change));
        } catch (RejectedExecutionException e) {
            log.debug("memory change of graph '{}' not delivered: the daemon is shutting down", change.graph());
        }
    }

    private void deliver(MemoryChange change) {
        for (Consumer<MemoryChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("a memory change listener failed on graph '{}': {}", change.graph(), e.toString());
            }
        }
    }

    /** Delivers what is already queued, then stops. */
    @Override
    public void close() {
        deliveries.shutdown();
    }
}
