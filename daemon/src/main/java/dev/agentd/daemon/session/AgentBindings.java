package dev.agentd.daemon.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connection an agent id is bound to (core §6.3): one live connection per agent, taken
 * with a single compare-and-set, released only by the session that holds it.
 */
public final class AgentBindings {
    private final Map<String, ClientSession> byAgent = new ConcurrentHashMap<>();

    /** Binds {@code agentId} to {@code session}; idempotent for the same session. */
    public boolean bind(String agentId, ClientSession session) {
        ClientSession holder = byAgent.putIfAbsent(agentId, session);
        return holder == null || holder == session;
    }

    /** Releases the binding only if it still maps to {@code session}. */
    public void release(String agentId, ClientSession session) {
        byAgent.remove(agentId, session);
    }

    public Optional<ClientSession> sessionOf(String agentId) {
        return Optional.ofNullable(byAgent.get(agentId));
    }
}
