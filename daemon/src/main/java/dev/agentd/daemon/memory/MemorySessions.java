package dev.agentd.daemon.memory;

import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.session.MemoryBinder;
import dev.agentd.daemon.session.Principal;
import dev.agentd.memgine.MemoryException;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory state of each WebSocket connection (core §5): its bound graph ({@code boundMemgine}:
 * the namespace or agent graph, {@code null} for the shared graph) and its private status slots
 * (memory §3.6). Both are replaced or dropped in one map operation, so a call never sees half a
 * re-auth; the entry goes with the session's cleanup (core §5.1).
 */
public final class MemorySessions implements MemoryBinder {
    private final MemoryService memory;
    private final Map<ClientSession, SessionMemory> bySession = new ConcurrentHashMap<>();

    /** @param bound the namespace or agent graph, or {@code null}: the shared graph */
    private record SessionMemory(GraphHandle bound, StatusSlots statuses) {
        SessionMemory rebound(GraphHandle graph) {
            return new SessionMemory(graph, statuses);
        }
    }

    public MemorySessions(MemoryService memory) {
        this.memory = memory;
    }

    /**
     * Opens the namespace or agent graph {@code next} binds (memory §1.1). The shared graph is not
     * opened here: a failed shared graph fails the memory calls on it, never the authentication.
     */
    @Override
    public Runnable open(ClientSession session, Principal next) {
        if (next.memoryNamespace() == null && next.agentId() == null) {
            return () -> install(session, null);
        }
        try {
            GraphHandle graph = memory.graphFor(next.memoryNamespace(), next.agentId());
            return () -> install(session, graph);
        } catch (MemoryException e) {
            throw new RpcException(ErrorCodes.INTERNAL_ERROR, e.getMessage());
        }
    }

    private void install(ClientSession session, GraphHandle graph) {
        bySession.compute(session, (s, current) ->
                current == null ? new SessionMemory(graph, new StatusSlots()) : current.rebound(graph));
        forgetIfClosing(session);
    }

    /** core §5 {@code effectiveMemgine()}: the bound graph, else the shared graph. */
    public GraphHandle graphOf(ClientSession session) {
        SessionMemory state = bySession.get(session);
        return state == null || state.bound() == null ? memory.shared() : state.bound();
    }

    /** The session's status slots, created on first use. */
    public StatusSlots statusesOf(ClientSession session) {
        StatusSlots statuses = bySession.computeIfAbsent(session, s -> new SessionMemory(null, new StatusSlots()))
                .statuses();
        forgetIfClosing(session);
        return statuses;
    }

    /** Cleanup (core §5.1): the binding and the status slots end with the connection. */
    public void release(ClientSession session) {
        bySession.remove(session);
    }

    /** A call finishing after the cleanup ran must not leave an entry behind. */
    private void forgetIfClosing(ClientSession session) {
        if (session.closing()) {
            bySession.remove(session);
        }
    }
}
