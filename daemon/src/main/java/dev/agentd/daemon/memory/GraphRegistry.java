package dev.agentd.daemon.memory;

import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every graph of the daemon (memory §1.2): one {@link GraphHandle} per graph directory under
 * {@code <root>/memory/}, created on first use and kept until shutdown, which folds and closes
 * them all (core §15 step 7).
 */
final class GraphRegistry {
    private static final Logger log = LoggerFactory.getLogger(GraphRegistry.class);
    /** Graphs folded at once at shutdown: each fold mostly waits on fsync, and there may be hundreds. */
    private static final int CLOSE_PARALLELISM = 4;

    private final Path memoryRoot;
    private final Function<GraphKey, GraphOptions> options;
    private final ConcurrentMap<GraphKey, GraphHandle> handles = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param memoryRoot {@code <root>/memory}
     * @param options how to open the graph of a key (label, hooks, listener, fold executor)
     */
    GraphRegistry(Path memoryRoot, Function<GraphKey, GraphOptions> options) {
        this.memoryRoot = memoryRoot;
        this.options = options;
    }

    /** The handle of {@code key}, not necessarily opened yet. */
    GraphHandle handle(GraphKey key) {
        return handles.computeIfAbsent(key, k -> new GraphHandle(k, this::openGraph));
    }

    /** The handle of {@code key} with its graph open; throws {@code memory graph could not be loaded: …}. */
    GraphHandle open(GraphKey key) {
        GraphHandle handle = handle(key);
        handle.graph();
        return handle;
    }

    private MemoryGraph openGraph(GraphKey key) {
        if (closed) {
            throw MemoryException.runtime("daemon shutting down");
        }
        return MemoryGraph.open(key.directory(memoryRoot), options.apply(key));
    }

    /** Folds and closes every open graph; graphs not yet opened can no longer be. */
    void closeAll() {
        closed = true;
        List<GraphHandle> all = List.copyOf(handles.values());
        long open = all.stream().filter(GraphHandle::isOpen).count();
        ExecutorService closers = Executors.newFixedThreadPool(CLOSE_PARALLELISM,
                new DefaultThreadFactory("agentd-memory-close", true));
        try {
            for (GraphHandle handle : all) {
                closers.execute(() -> closeQuietly(handle));
            }
        } finally {
            closers.shutdown();
        }
        awaitClosers(closers);
        log.info("shutdown: {} memory graphs folded and closed", open);
    }

    private static void closeQuietly(GraphHandle handle) {
        try {
            handle.close();
        } catch (RuntimeException e) {
            log.error("memory graph '{}' did not close cleanly", handle.label(), e);
        }
    }

    private static void awaitClosers(ExecutorService closers) {
        try {
            closers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
