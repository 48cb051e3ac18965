package dev.agentd.daemon.session;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The live sessions of a daemon, their client ids, and the cleanup that ends each one. */
public final class SessionRegistry {
    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ClientSession> live = new ConcurrentHashMap<>();
    private final List<SessionCloseListener> closeListeners = new CopyOnWriteArrayList<>();

    /** Appends a cleanup step; steps run in the order they were added. */
    public void onClose(SessionCloseListener listener) {
        closeListeners.add(listener);
    }

    /** Creates and registers a session with a fresh {@code c-<16 hex>} id. */
    public ClientSession open(java.net.SocketAddress remoteAddress, Principal initialPrincipal) {
        while (true) {
            ClientSession session = new ClientSession(newClientId(), remoteAddress, initialPrincipal);
            // 64 random bits make a collision with a live id vanishingly rare; checking keeps it impossible.
            if (live.putIfAbsent(session.clientId(), session) == null) {
                return session;
            }
        }
    }

    public Collection<ClientSession> live() {
        return List.copyOf(live.values());
    }

    /** Runs the cleanup of core §5.1 exactly once per session, whoever calls first. */
    public void close(ClientSession session, boolean shutdown) {
        if (!session.beginClosing()) {
            return;
        }
        MDC.put("clientId", session.clientId());
        try {
            for (SessionCloseListener listener : closeListeners) {
                try {
                    listener.onClose(session, shutdown);
                } catch (RuntimeException e) {
                    log.error("cleanup step failed for {}", session.clientId(), e);
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - session.openedAtNanos());
            log.info("connection closed: {} from {} after {} ms", session.clientId(), session.remoteAddress(), millis);
        } finally {
            live.remove(session.clientId(), session);
            MDC.remove("clientId");
        }
    }

    private String newClientId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "c-" + HexFormat.of().formatHex(bytes);
    }
}
