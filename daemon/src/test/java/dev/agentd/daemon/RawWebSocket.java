package dev.agentd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket test client that sends exactly the text a test writes, frame by frame, and queues
 * whatever the daemon sends back. Unlike {@link dev.agentd.protocol.client.RpcClient} it neither
 * adds ids nor matches replies, so tests can send malformed, pipelined or fragmented messages and
 * assert the raw reply.
 */
public final class RawWebSocket implements AutoCloseable {
    /** The close frame the server sent, or {@code 1006} with the error when none arrived. */
    public record CloseFrame(int code, String reason) {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final WebSocket webSocket;
    private final Inbound inbound;

    private RawWebSocket(WebSocket webSocket, Inbound inbound) {
        this.webSocket = webSocket;
        this.inbound = inbound;
    }

    /** Opens a connection without {@code Origin} header, extension or subprotocol. */
    public static RawWebSocket open(URI uri) {
        Inbound inbound = new Inbound();
        return new RawWebSocket(await(HTTP.newWebSocketBuilder().buildAsync(uri, inbound)), inbound);
    }

    /** Sends one complete text message as a single frame. */
    public synchronized void sendText(String text) {
        await(webSocket.sendText(text, true));
    }

    /**
     * Sends one message unless the connection's output is already closed (the server may close
     * first, e.g. right after an auth-gate error); returns whether it was sent.
     */
    public synchronized boolean trySendText(String text) {
        if (webSocket.isOutputClosed()) {
            return false;
        }
        try {
            webSocket.sendText(text, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return false; // closed while sending
        } catch (TimeoutException e) {
            throw new AssertionError("WebSocket send did not complete within " + SEND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends one text message as a text frame followed by continuation frames, one per part. */
    public synchronized void sendFragmented(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            await(webSocket.sendText(parts.get(i), i == parts.size() - 1));
        }
    }

    public synchronized void sendBinary(byte[] bytes) {
        await(webSocket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    public void sendPing() {
        sendPing("ping".getBytes(StandardCharsets.US_ASCII));
    }

    public synchronized void sendPing(byte[] payload) {
        await(webSocket.sendPing(ByteBuffer.wrap(payload)));
    }

    /** Sends a request and returns the next message, for step-by-step exchanges. */
    public JsonNode call(String text) {
        sendText(text);
        return nextMessage(SEND_TIMEOUT);
    }

    /** The next text message received, parsed; fails the test when none arrives in time. */
    public JsonNode nextMessage(Duration timeout) {
        String text = poll(inbound.messages, timeout);
        if (text == null) {
            fail("no message from the daemon within " + timeout + " (connection " + describeClose() + ")");
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the daemon sent text that is not JSON: " + text, e);
        }
    }

    /** Fails the test if any text message arrives within {@code window}. */
    public void expectNoMessage(Duration window) {
        String text = poll(inbound.messages, window);
        assertThat(text).as("unexpected message from the daemon").isNull();
    }

    /** The payload of the next pong; fails the test when none arrives in time. */
    public byte[] awaitPong(Duration timeout) {
        byte[] payload = poll(inbound.pongs, timeout);
        if (payload == null) {
            fail("no pong within " + timeout);
        }
        return payload;
    }

    /** The close frame received from the server; fails the test when the connection stays open. */
    public CloseFrame awaitClose(Duration timeout) {
        try {
            return inbound.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the daemon did not close the connection within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    public boolean isClosed() {
        return inbound.closed.isDone();
    }

    @Override
    public void close() {
        webSocket.abort();
    }

    private String describeClose() {
        return inbound.closed.isDone() ? "closed: " + inbound.closed.join() : "open";
    }

    private static <T> T poll(BlockingQueue<T> queue, Duration timeout) {
        try {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("WebSocket operation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("WebSocket operation did not complete within " + SEND_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Reassembles text messages; pongs and the close frame go to their own queues. */
    private static final class Inbound implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseFrame> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            messages.add("binary frame from the daemon (never expected)");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            byte[] payload = new byte[message.remaining()];
            message.get(payload);
            pongs.add(payload);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new CloseFrame(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new CloseFrame(1006, String.valueOf(error)));
        }
    }
}
