package dev.agentd.protocol.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.RpcRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A JSON-RPC 2.0 client over {@link java.net.http.WebSocket}: one connection, requests matched to
 * replies by id, notifications delivered to a listener. It sends no {@code Origin} header and
 * negotiates no extension or subprotocol (core §1).
 *
 * <p>{@link AgentdConnector} runs the full connect recipe (auth and handshake) on top of it.
 */
public final class RpcClient implements AutoCloseable {
    public static final int NORMAL_CLOSURE = 1000;
    private static final Duration CONNECT_MARGIN = Duration.ofMillis(500);

    private final URI url;
    private final WebSocket webSocket;
    private final Inbound inbound;
    private final AtomicLong nextId = new AtomicLong(1);

    private RpcClient(URI url, WebSocket webSocket, Inbound inbound) {
        this.url = url;
        this.webSocket = webSocket;
        this.inbound = inbound;
    }

    /**
     * Opens the WebSocket. Both the TCP connect and the upgrade reply are bounded by
     * {@code timeout}; an expired TCP connect counts as "no daemon" (cli §4.3).
     */
    public static RpcClient open(URI url, Duration timeout) {
        Inbound inbound = new Inbound();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        // The upgrade timer starts with the TCP connect; the margin lets an expired connect report
        // itself first (as "no daemon") instead of racing the upgrade timer to the same instant.
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder()
                .connectTimeout(timeout.plus(CONNECT_MARGIN))
                .buildAsync(url, inbound);
        try {
            return new RpcClient(url, opening.get(), inbound);
        } catch (ExecutionException e) {
            throw openFailure(url, e.getCause(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException.ConnectionClosed(1006, "interrupted");
        }
    }

    private static ClientException openFailure(URI url, Throwable cause, Duration timeout) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            return new ClientException.UpgradeRejected(url.toString(), handshake.getResponse().statusCode());
        }
        if (cause instanceof HttpConnectTimeoutException
                || cause instanceof ConnectException
                || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof ConnectException) {
            return new ClientException.DaemonUnreachable(url.toString(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ClientException.Timeout("upgrade", seconds(timeout));
        }
        if (cause instanceof IOException) {
            return new ClientException.ConnectionClosed(1006, String.valueOf(cause.getMessage()));
        }
        return new ClientException.ConnectionClosed(1006, cause.toString());
    }

    public URI url() {
        return url;
    }

    /** Skips one request id, so a recipe without {@code session.auth} keeps ids 2 and 3 (cli §4.1). */
    public void skipId() {
        nextId.incrementAndGet();
    }

    /** Sends a request and waits at most {@code timeout} for its reply ({@code null}: no limit). */
    public JsonNode call(String method, Object params, Duration timeout) {
        CompletableFuture<JsonNode> reply = callAsync(method, params);
        try {
            return timeout == null ? reply.get() : reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new ClientException.Timeout(method, seconds(timeout));
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException.ConnectionClosed(1006, "interrupted");
        }
    }

    /** Sends a request; the future completes with the result or fails with {@link RpcException}. */
    public CompletableFuture<JsonNode> callAsync(String method, Object params) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        inbound.pending.put(id, reply);
        reply.whenComplete((result, error) -> inbound.pending.remove(id));
        if (inbound.closed.isDone()) {
            reply.completeExceptionally(inbound.closedException());
            return reply;
        }
        sendText(encode(RpcRequest.of(id, method, toTree(params))))
                .exceptionally(error -> {
                    reply.completeExceptionally(new ClientException.ConnectionClosed(1006, error.toString()));
                    return null;
                });
        return reply;
    }

    /** Sends a notification (no id, never answered). */
    public void notify(String method, Object params) {
        sendText(encode(new RpcRequest(RpcRequest.VERSION, null, method, toTree(params))));
    }

    /** Receives every notification of this connection, on the client's listener thread. */
    public void onNotification(Consumer<RpcNotification> listener) {
        inbound.notificationListener = listener;
    }

    /** Completes with the close code and reason when the connection ends for any reason. */
    public CompletableFuture<ClientException.ConnectionClosed> closed() {
        return inbound.closed;
    }

    /** Sends close 1000 and waits briefly for the server's close. */
    @Override
    public void close() {
        if (!webSocket.isOutputClosed()) {
            try {
                webSocket.sendClose(NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
                inbound.closed.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // the peer is gone or slow; abort below either way
            }
        }
        webSocket.abort();
    }

    private synchronized CompletableFuture<WebSocket> sendText(String text) {
        // java.net.http allows one outstanding send at a time; chaining keeps frames whole and ordered.
        return inbound.sendChain = inbound.sendChain.thenCompose(ignored -> webSocket.sendText(text, true));
    }

    private static JsonNode toTree(Object params) {
        if (params == null) {
            return Json.mapper().createObjectNode();
        }
        return params instanceof JsonNode node ? node : Json.mapper().valueToTree(params);
    }

    private static String encode(RpcRequest request) {
        try {
            return Json.mapper().writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeException unwrap(Throwable error) {
        if (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error instanceof RuntimeException runtime ? runtime : new ClientException.ConnectionClosed(1006, error.toString());
    }

    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }

    /** Reassembles text messages and routes replies and notifications. */
    private static final class Inbound implements WebSocket.Listener {
        final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        final CompletableFuture<ClientException.ConnectionClosed> closed = new CompletableFuture<>();
        volatile Consumer<RpcNotification> notificationListener = notification -> {};
        CompletableFuture<WebSocket> sendChain = CompletableFuture.completedFuture(null);
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                route(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            finish(new ClientException.ConnectionClosed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            finish(new ClientException.ConnectionClosed(1006, String.valueOf(error.getMessage())));
        }

        ClientException.ConnectionClosed closedException() {
            return closed.getNow(new ClientException.ConnectionClosed(1006, "closed"));
        }

        private void finish(ClientException.ConnectionClosed reason) {
            closed.complete(reason);
            pending.values().forEach(reply -> reply.completeExceptionally(reason));
        }

        private void route(String text) {
            JsonNode message;
            try {
                message = Json.mapper().readTree(text);
            } catch (IOException e) {
                return; // the daemon never sends malformed JSON; nothing to route it to
            }
            if (message.isArray()) {
                message.forEach(this::routeOne);
            } else {
                routeOne(message);
            }
        }

        private void routeOne(JsonNode message) {
            if (message.hasNonNull("method")) {
                JsonNode params = message.has("params") ? message.get("params") : Json.mapper().createObjectNode();
                notificationListener.accept(new RpcNotification(message.get("method").asText(), params));
                return;
            }
            JsonNode id = message.get("id");
            if (id == null || !id.canConvertToLong()) {
                return;
            }
            CompletableFuture<JsonNode> reply = pending.get(id.asLong());
            if (reply == null) {
                return;
            }
            if (message.has("error")) {
                reply.completeExceptionally(new RpcException(toError(message.get("error"))));
            } else {
                reply.complete(message.get("result"));
            }
        }

        private static RpcError toError(JsonNode error) {
            JsonNode data = error instanceof ObjectNode object ? object.get("data") : null;
            return new RpcError(error.path("code").asInt(), error.path("message").asText(""), data);
        }
    }
}
