package dev.agentd.daemon.session;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one WebSocket connection (core §5). Fields that later features own (agent binding,
 * memory graphs, runs, subscriptions, browser) are added by those features.
 */
public final class ClientSession {
    private final String clientId;
    private final SocketAddress remoteAddress;
    private final long openedAtNanos = System.nanoTime();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Principal principal;
    private volatile boolean negotiated;
    private volatile ConnectionControl connection;
    private int failedAuthAttempts;

    /** @param principal the starting principal: null with auth on, the host principal without */
    public ClientSession(String clientId, SocketAddress remoteAddress, Principal principal) {
        this.clientId = clientId;
        this.remoteAddress = remoteAddress;
        this.principal = principal;
    }

    public String clientId() {
        return clientId;
    }

    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    public long openedAtNanos() {
        return openedAtNanos;
    }

    public boolean authenticated() {
        return principal != null;
    }

    /** The current principal, or null before a successful {@code session.auth}. */
    public Principal principal() {
        return principal;
    }

    public void principal(Principal principal) {
        this.principal = principal;
    }

    public boolean host() {
        Principal current = principal;
        return current != null && current.host();
    }

    public boolean negotiated() {
        return negotiated;
    }

    /** Set by a successful {@code server.handshake}; never reset on this connection. */
    public void markNegotiated() {
        negotiated = true;
    }

    /** Counts a credential mismatch; returns the total so far. Called under the auth barrier. */
    public int recordFailedAuth() {
        return ++failedAuthAttempts;
    }

    public boolean closing() {
        return closing.get();
    }

    /** Sets {@code closing}; true only for the one caller that runs the cleanup. */
    boolean beginClosing() {
        return closing.compareAndSet(false, true);
    }

    public ConnectionControl connection() {
        return connection;
    }

    public void attach(ConnectionControl connection) {
        this.connection = connection;
    }

    @Override
    public String toString() {
        return "ClientSession[" + clientId + "]";
    }
}
