package dev.agentd.browser.cdp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CDP over the JDK's {@link WebSocket} (browser §5.1).
 *
 * <p>No {@code Origin} header is sent: the JDK client adds none unless told to, and Chromium then
 * accepts the connection without {@code --remote-allow-origins}. The JDK allows one outstanding
 * send at a time, so sends are chained. Inbound text is aggregated up to {@code maxMessageChars};
 * a larger message closes the transport, which the client treats as a lost browser.
 */
public final class WebSocketCdpTransport implements CdpTransport {
    public static final int DEFAULT_MAX_MESSAGE_CHARS = 128 * 1024 * 1024;

    private final WebSocket webSocket;
    private final Receiver receiver;
    private final AtomicBoolean closed = new AtomicBoolean();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    private WebSocketCdpTransport(WebSocket webSocket, Receiver receiver) {
        this.webSocket = webSocket;
        this.receiver = receiver;
    }

    /** A connector sharing {@code httpClient}; the handshake must finish within {@code connectTimeout}. */
    public static CdpConnector connector(HttpClient httpClient, Duration connectTimeout, int maxMessageChars) {
        return (endpoint, receiver) -> open(httpClient, endpoint, receiver, connectTimeout, maxMessageChars);
    }

    private static WebSocketCdpTransport open(HttpClient httpClient, URI endpoint, Receiver receiver,
            Duration connectTimeout, int maxMessageChars) throws Exception {
        InboundListener listener = new InboundListener(receiver, maxMessageChars);
        WebSocket webSocket = httpClient.newWebSocketBuilder()
                .connectTimeout(connectTimeout)
                .buildAsync(endpoint, listener)
                .get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        WebSocketCdpTransport transport = new WebSocketCdpTransport(webSocket, receiver);
        listener.transport = transport;
        return transport;
    }

    @Override
    public synchronized void send(String message) {
        if (closed.get()) {
            return;
        }
        sendTail = sendTail.thenCompose(ignored -> webSocket.sendText(message, true));
        sendTail.whenComplete((ignored, error) -> {
            if (error != null) {
                closeWithCause("DevTools send failed: " + error.getMessage());
            }
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            webSocket.abort();
        }
    }

    private void closeWithCause(String cause) {
        if (closed.compareAndSet(false, true)) {
            webSocket.abort();
            receiver.onClosed(cause);
        }
    }

    private static final class InboundListener implements WebSocket.Listener {
        private final Receiver receiver;
        private final int maxMessageChars;
        private final StringBuilder parts = new StringBuilder();
        private volatile WebSocketCdpTransport transport;
        private final AtomicBoolean closeReported = new AtomicBoolean();

        InboundListener(Receiver receiver, int maxMessageChars) {
            this.receiver = receiver;
            this.maxMessageChars = maxMessageChars;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (parts.length() + data.length() > maxMessageChars) {
                parts.setLength(0);
                reportClosed("DevTools message larger than " + maxMessageChars + " characters");
                webSocket.abort();
                return null;
            }
            parts.append(data);
            if (last) {
                String message = parts.toString();
                parts.setLength(0);
                receiver.onMessage(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            reportClosed("DevTools connection closed (" + statusCode + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reportClosed("DevTools connection failed: " + error.getMessage());
        }

        private void reportClosed(String cause) {
            WebSocketCdpTransport owner = transport;
            if (owner != null) {
                owner.closed.set(true);
            }
            if (closeReported.compareAndSet(false, true)) {
                receiver.onClosed(cause);
            }
        }
    }
}
