package dev.agentd.browser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpConnector;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.cdp.CdpTransport;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted DevTools peer for unit tests (browser §13.1): it answers the set-up sequence with a
 * page target {@value #TARGET_ID} and session {@value #SESSION_ID}, answers other commands with
 * registered handlers (default {@code {}}), records every command with its arrival time, and emits
 * events on demand. Answers and events are delivered on one thread, in order, like a socket.
 */
public final class FakeCdpBrowser implements CdpConnector {
    public static final String TARGET_ID = "T1";
    public static final String SESSION_ID = "S1";

    private final Map<String, Function<JsonNode, Answer>> handlers = new ConcurrentHashMap<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final ExecutorService wire = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-cdp");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CdpTransport.Receiver receiver;
    private volatile String url = "about:blank";
    private volatile String title = "";

    public FakeCdpBrowser() {
        answer("Browser.getVersion", params -> CdpJson.object().put("product", "FakeChrome/1.0"));
        answer("Target.getTargets", params -> {
            ObjectNode result = CdpJson.object();
            result.putArray("targetInfos").addObject().put("targetId", TARGET_ID).put("type", "page").put("url", "about:blank");
            return result;
        });
        answer("Target.attachToTarget", params -> CdpJson.object().put("sessionId", SESSION_ID));
        answer("Target.getTargetInfo", params -> {
            ObjectNode result = CdpJson.object();
            result.putObject("targetInfo").put("targetId", TARGET_ID).put("url", url).put("title", title);
            return result;
        });
    }

    /** A command as received. */
    public record Command(long atNanos, String method, JsonNode params, String sessionId) {}

    /** A result or a CDP error. */
    public record Answer(JsonNode result, String errorMessage, boolean silent) {
        public static Answer error(String message) {
            return new Answer(null, message, false);
        }

        /** Never answered (the command times out). */
        public static Answer none() {
            return new Answer(null, null, true);
        }
    }

    /** Answers {@code method} with a result computed from its params. */
    public FakeCdpBrowser answer(String method, Function<JsonNode, JsonNode> result) {
        handlers.put(method, params -> new Answer(result.apply(params), null, false));
        return this;
    }

    /** Answers {@code method} with an error, a result, or nothing, decided per call. */
    public FakeCdpBrowser answerWith(String method, Function<JsonNode, Answer> answer) {
        handlers.put(method, answer);
        return this;
    }

    public void page(String newUrl, String newTitle) {
        this.url = newUrl;
        this.title = newTitle;
    }

    /** Emits a page-session event. */
    public void emit(String method, JsonNode params) {
        ObjectNode event = CdpJson.object().put("method", method).put("sessionId", SESSION_ID);
        event.set("params", params);
        deliver(event.toString());
    }

    /** Returns once everything emitted or answered so far has been delivered to the client. */
    public void flush() {
        try {
            wire.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the "socket" from the browser side. */
    public void drop(String cause) {
        wire.execute(() -> receiver.onClosed(cause));
    }

    public List<Command> commands() {
        return List.copyOf(commands);
    }

    public List<Command> commands(String method) {
        return commands.stream().filter(command -> command.method().equals(method)).toList();
    }

    @Override
    public CdpTransport connect(URI endpoint, CdpTransport.Receiver newReceiver) {
        this.receiver = newReceiver;
        return new CdpTransport() {
            @Override
            public void send(String message) {
                onCommand(message);
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    private void onCommand(String text) {
        JsonNode command = BrowserHarness.parse(text);
        String method = command.path("method").asText();
        commands.add(new Command(System.nanoTime(), method, command.path("params"), command.path("sessionId").asText(null)));
        Answer answer = handlers.getOrDefault(method, params -> new Answer(CdpJson.object(), null, false))
                .apply(command.path("params"));
        if (answer.silent()) {
            return;
        }
        ObjectNode response = CdpJson.object().put("id", command.path("id").asLong());
        if (answer.errorMessage() != null) {
            response.putObject("error").put("code", -32000).put("message", answer.errorMessage());
        } else {
            response.set("result", answer.result());
        }
        deliver(response.toString());
    }

    private void deliver(String message) {
        wire.execute(() -> receiver.onMessage(message));
    }
}
