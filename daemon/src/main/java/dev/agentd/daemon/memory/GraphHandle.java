package dev.agentd.daemon.memory;

import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One graph directory's graph, opened at most once (memory §1.2): the first {@link #graph()} opens
 * it, concurrent first callers wait for that one open, later callers get the same instance. A
 * failed open is remembered: every later call fails with the same
 * {@code memory graph could not be loaded: <reason>} until the daemon restarts, and the files are
 * never touched again — an operator repairs them with the daemon stopped, as for a graph whose
 * journal failed.
 */
public final class GraphHandle {
    private static final Logger log = LoggerFactory.getLogger(GraphHandle.class);

    private final GraphKey key;
    private final Function<GraphKey, MemoryGraph> opener;
    private volatile MemoryGraph graph;
    private volatile MemoryException failure;
    private boolean closed;

    GraphHandle(GraphKey key, Function<GraphKey, MemoryGraph> opener) {
        this.key = key;
        this.opener = opener;
    }

    public GraphKey key() {
        return key;
    }

    public String label() {
        return key.label();
    }

    /** The open graph; opens it on first use. Throws the open's failure, now and on every later call. */
    public MemoryGraph graph() {
        MemoryGraph open = graph;
        if (open != null) {
            return open;
        }
        MemoryException failed = failure;
        if (failed != null) {
            throw failed;
        }
        return openOnce();
    }

    /** Whether the graph has been opened successfully (and not yet closed). */
    boolean isOpen() {
        return graph != null;
    }

    private synchronized MemoryGraph openOnce() {
        if (graph != null) {
            return graph;
        }
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw MemoryException.runtime("daemon shutting down");
        }
        try {
            graph = opener.apply(key);
            log.info("memory graph '{}' opened: {}", key.label(), graph.recovery());
            return graph;
        } catch (MemoryException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = MemoryException.runtime("memory graph could not be loaded: " + e.getMessage(), e);
        }
        log.error("memory graph '{}': {}", key.label(), failure.getMessage());
        throw failure;
    }

    /** Folds and closes the graph if it was opened (core §15 step 7); later opens are refused. */
    synchronized void close() {
        closed = true;
        if (graph != null) {
            graph.close();
        }
    }
}
