package dev.agentd.browser.cdp;

/**
 * One message-oriented connection to a browser's DevTools endpoint. The real one is
 * {@link WebSocketCdpTransport}; unit tests script a fake one.
 */
public interface CdpTransport {
    /** Sends one JSON text message. Never blocks; a failed send is reported as a close. */
    void send(String message);

    /** Closes the connection; idempotent. No {@link Receiver#onClosed} is required after it. */
    void close();

    /** What a transport delivers. Both methods run on the transport's thread and must not block. */
    interface Receiver {
        void onMessage(String message);

        void onClosed(String cause);
    }
}
