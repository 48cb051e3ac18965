package dev.agentd.daemon.session;

import dev.agentd.protocol.RpcError;

/** What the daemon's shutdown needs from a connection's dispatcher (core §15 steps 2–4). */
public interface ConnectionControl {
    /** Dispatched-but-unanswered requests and running notifications. */
    int inFlight();

    /** Answers every in-flight request with {@code error} now and interrupts its handler. */
    void abortInFlight(RpcError error);

    /** Sends a close frame with {@code code} and {@code reason}, then closes the channel. */
    void close(int code, String reason);

    /** Completes when the channel has closed. */
    java.util.concurrent.CompletableFuture<Void> closed();
}
