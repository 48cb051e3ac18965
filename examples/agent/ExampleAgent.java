import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent for agentd, using nothing but the JDK: run it with {@code java ExampleAgent.java}.
 *
 * <p>The supervisor starts it with {@code AGENTD_URL}, {@code AGENTD_AGENT_ID} and
 * {@code AGENTD_AGENT_TOKEN} in its environment. It connects over WebSocket, authenticates as its
 * agent, negotiates protocol 2, remembers a fact in its own memory graph, records one run with one
 * turn, and then waits for work until SIGTERM, when it closes its connection and exits.
 *
 * <p>Register it with, for example:
 * <pre>
 * agentd agents upsert --id example --command "$(command -v java)" --arg "$PWD/examples/agent/ExampleAgent.java"
 * agentd agents start example
 * </pre>
 */
public final class ExampleAgent {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        String url = requireEnv("AGENTD_URL");
        String agentId = requireEnv("AGENTD_AGENT_ID");
        String token = requireEnv("AGENTD_AGENT_TOKEN");

        Connection agentd = Connection.open(URI.create(url));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agentd.close(); // SIGTERM: say goodbye properly, then let the JVM exit
            stopped.countDown();
        }));

        agentd.call("session.auth", "{\"token\":" + quote(token) + ",\"agent_id\":" + quote(agentId) + "}");
        agentd.call("server.handshake", "{\"protocol_version\":2,\"client_version\":\"example-agent\"}");
        log("attached to " + url + " as " + agentId);

        agentd.call("memory.add_fact", "{\"subject\":\"example-agent\",\"body\":"
                + quote("started at " + java.time.Instant.now()) + ",\"kind\":\"observation\"}");

        String run = agentd.call("runs.start", "{\"intent\":\"say hello\"}");
        String runId = field(run, "run_id");
        agentd.call("runs.record_turns", "{\"run_id\":" + quote(runId)
                + ",\"turns\":[{\"prompt\":\"greet the daemon\",\"output\":\"hello\"}]}");
        agentd.call("runs.complete", "{\"run_id\":" + quote(runId)
                + ",\"outcome\":{\"status\":\"success\",\"summary\":\"said hello\"}}");
        log("completed run " + runId);

        stopped.await(); // an agent would now wait for work; this one only waits for SIGTERM
    }

    /** One JSON-RPC connection: requests matched to replies by id. */
    private static final class Connection implements WebSocket.Listener {
        private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
        private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger nextId = new AtomicInteger(1);
        private final StringBuilder message = new StringBuilder();
        private WebSocket socket;

        static Connection open(URI url) {
            Connection connection = new Connection();
            connection.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(TIMEOUT).buildAsync(url, connection).join();
            return connection;
        }

        /** Sends a request and returns the whole reply; an error reply ends the agent. */
        synchronized String call(String method, String params) throws Exception {
            int id = nextId.getAndIncrement();
            CompletableFuture<String> reply = new CompletableFuture<>();
            pending.put(id, reply);
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":" + quote(method)
                    + ",\"params\":" + params + "}", true).join();
            String text = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (text.contains("\"error\"")) {
                throw new IllegalStateException(method + " failed: " + text);
            }
            return text;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping").orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(error -> null).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                Matcher id = ID.matcher(text);
                if (!text.contains("\"method\"") && id.find()) {
                    CompletableFuture<String> reply = pending.remove(Integer.parseInt(id.group(1)));
                    if (reply != null) {
                        reply.complete(text);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            log("daemon closed the connection: " + statusCode + " " + reason);
            System.exit(0);
            return null;
        }
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    /** A JSON string literal. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("ExampleAgent: " + name + " is not set; agentd sets it when it starts this agent");
            System.exit(2);
        }
        return value;
    }

    private static void log(String line) {
        System.out.println(java.time.Instant.now() + " " + line);
    }
}
