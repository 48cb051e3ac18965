package dev.agentd.browser.cdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own Chrome DevTools Protocol client over one {@link CdpTransport} (browser §5.2).
 *
 * <p>Commands get ids from a counter starting at 1; their futures wait in a pending map until the
 * matching response. Page-level commands carry the flattened {@code sessionId} at top level.
 * Events go to the listeners registered for {@code (sessionId, method)}. The transport's thread
 * only parses, completes futures and runs listeners, which must not block.
 *
 * <p>Once the transport closes or {@link #abort} is called, every pending and later command fails
 * with {@link BrowserLostException} carrying the first cause.
 */
public final class CdpClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdpClient.class);
    private static final String BROWSER_LEVEL = "";

    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, PendingCommand> pending = new ConcurrentHashMap<>();
    private final Map<EventKey, List<Consumer<JsonNode>>> listeners = new ConcurrentHashMap<>();
    private final CompletableFuture<String> lost = new CompletableFuture<>();
    private final Duration commandTimeout;
    private volatile CdpTransport transport;

    private CdpClient(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /** Connects to {@code endpoint}; each command later waits at most {@code commandTimeout}. */
    public static CdpClient connect(CdpConnector connector, URI endpoint, Duration commandTimeout) throws Exception {
        CdpClient client = new CdpClient(commandTimeout);
        client.transport = connector.connect(endpoint, client.new TransportReceiver());
        return client;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** Sends a command without waiting; {@code sessionId} null means the browser target. */
    public CompletableFuture<JsonNode> send(String sessionId, String method, ObjectNode params) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        if (lost.isDone()) {
            result.completeExceptionally(new BrowserLostException(lost.join()));
            return result;
        }
        long id = nextId.incrementAndGet();
        pending.put(id, new PendingCommand(method, result));
        result.whenComplete((ignored, error) -> pending.remove(id));
        ObjectNode command = CdpJson.object().put("id", id).put("method", method);
        command.set("params", params == null ? CdpJson.object() : params);
        if (sessionId != null) {
            command.put("sessionId", sessionId);
        }
        if (lost.isDone()) {
            failPending(lost.join());
        } else {
            transport.send(command.toString());
        }
        return result;
    }

    /** Sends a command and waits for its result, at most the command timeout. */
    public JsonNode call(String sessionId, String method, ObjectNode params) throws InterruptedException {
        return await(method, send(sessionId, method, params), commandTimeout);
    }

    /** Waits for a sent command at most {@code limit}; a late answer is then dropped. */
    public JsonNode await(String method, CompletableFuture<JsonNode> future, Duration limit)
            throws InterruptedException {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CdpTimeoutException(method, limit);
        } catch (InterruptedException e) {
            future.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Registers a listener for events of {@code method} from {@code sessionId} (null: browser). */
    public void onEvent(String sessionId, String method, Consumer<JsonNode> listener) {
        listeners.computeIfAbsent(new EventKey(key(sessionId), method), k -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** Completes with the cause once the connection is gone. */
    public CompletableFuture<String> lost() {
        return lost;
    }

    public boolean isOpen() {
        return !lost.isDone();
    }

    /** Declares the browser lost: fails every pending and later command and closes the transport. */
    public void abort(String cause) {
        markLost(cause);
        transport.close();
    }

    @Override
    public void close() {
        abort("closed");
    }

    private void markLost(String cause) {
        lost.complete(cause);
        failPending(lost.join());
    }

    private void failPending(String cause) {
        for (Long id : List.copyOf(pending.keySet())) {
            PendingCommand command = pending.remove(id);
            if (command != null) {
                command.result().completeExceptionally(new BrowserLostException(cause));
            }
        }
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = CdpJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warn("dropping unparsable DevTools message: {}", e.getOriginalMessage());
            return;
        }
        if (message.hasNonNull("id")) {
            complete(message);
        } else if (message.hasNonNull("method")) {
            publish(message);
        }
    }

    private void complete(JsonNode response) {
        PendingCommand command = pending.remove(response.get("id").asLong());
        if (command == null) {
            return;
        }
        JsonNode error = response.get("error");
        if (error != null) {
            command.result().completeExceptionally(
                    new CdpException(command.method(), error.path("code").asLong(), error.path("message").asText()));
        } else {
            command.result().complete(response.path("result"));
        }
    }

    private void publish(JsonNode event) {
        String method = event.get("method").asText();
        EventKey key = new EventKey(key(event.path("sessionId").asText(null)), method);
        JsonNode params = event.path("params");
        for (Consumer<JsonNode> listener : listeners.getOrDefault(key, List.of())) {
            try {
                listener.accept(params);
            } catch (RuntimeException e) {
                LOG.warn("listener of {} failed", method, e);
            }
        }
    }

    private static String key(String sessionId) {
        return sessionId == null ? BROWSER_LEVEL : sessionId;
    }

    private record PendingCommand(String method, CompletableFuture<JsonNode> result) {}

    private record EventKey(String sessionId, String method) {}

    private final class TransportReceiver implements CdpTransport.Receiver {
        @Override
        public void onMessage(String message) {
            dispatch(message);
        }

        @Override
        public void onClosed(String cause) {
            markLost(cause);
        }
    }
}
