package dev.agentd.daemon.session;

import dev.agentd.daemon.rpc.NotificationSink;
import dev.agentd.protocol.RpcError;

/**
 * What the daemon needs from a connection's dispatcher: the shutdown steps of core §15 (2–4) and
 * the notification writer that subscriptions ({@code host.event}, {@code runs.trace.event}) use.
 */
public interface ConnectionControl {
    /** The connection's notification writer (core §3). */
    NotificationSink notifications();

    /** Dispatched-but-unanswered requests and running notifications. */
    int inFlight();

    /** Answers every in-flight request with {@code error} now and interrupts its handler. */
    void abortInFlight(RpcError error);

    /** Sends a close frame with {@code code} and {@code reason}, then closes the channel. */
    void close(int code, String reason);

    /** Completes when the channel has closed. */
    java.util.concurrent.CompletableFuture<Void> closed();
}
