package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.RawHttp;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw MCP Streamable HTTP client over the JDK {@link HttpClient} (HTTP/1.1, real sockets): every
 * request is written as the test says, so tests can assert status codes, headers and bodies of
 * mcp §3 exactly. An instance holds the standing request headers (bearer token, agent, namespace)
 * and is immutable; {@code with…} returns a copy.
 *
 * <p>Extra headers are given as name/value pairs ({@code "Accept", "application/json"}); they
 * replace the defaults of the same name, and a null value removes the header.
 *
 * <pre>{@code
 * McpHttp mcp = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken());
 * McpHttp.Session session = mcp.initialize(McpHttp.LATEST);
 * JsonNode tools = mcp.call(session.id(), "tools/list", "{}").json();
 * }</pre>
 */
public final class McpHttp {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final String LATEST = "2025-11-25";
    public static final String JSON = "application/json";
    public static final String EVENT_STREAM = "text/event-stream";
    public static final String SESSION_HEADER = "Mcp-Session-Id";

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final URI url;
    private final Map<String, String> standing;

    private McpHttp(URI url, Map<String, String> standing) {
        this.url = url;
        this.standing = standing;
    }

    /** A client of {@code mcpUrl}, e.g. {@code http://127.0.0.1:PORT/mcp}, with no credentials. */
    public static McpHttp of(URI mcpUrl) {
        return new McpHttp(mcpUrl, headerMap());
    }

    /** A client of {@code <httpBase>/mcp}. */
    public static McpHttp at(URI httpBase) {
        return of(URI.create(httpBase.toString().replaceAll("/+$", "") + "/mcp"));
    }

    public URI url() {
        return url;
    }

    /** Sends {@code Authorization: Bearer <token>} on every request. */
    public McpHttp withToken(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    /** Marks the bearer token as agent {@code agentId}'s per-agent token ({@code X-Agentd-Agent}). */
    public McpHttp withAgent(String agentId) {
        return withHeader("X-Agentd-Agent", agentId);
    }

    /** Sends {@code X-Agentd-Namespace: <namespace>} on every request. */
    public McpHttp withNamespace(String namespace) {
        return withHeader("X-Agentd-Namespace", namespace);
    }

    /** Sends this header on every request; a null value stops sending it. */
    public McpHttp withHeader(String name, String value) {
        Map<String, String> headers = headerMap();
        headers.putAll(standing);
        put(headers, name, value);
        return new McpHttp(url, headers);
    }

    // ---- sessions and JSON-RPC ------------------------------------------------------------------

    /** A session as {@code initialize} created it. */
    public record Session(String id, String protocolVersion, JsonNode result, Reply reply) {}

    /** Sends {@code initialize} proposing {@code version}; fails unless the answer is 200 with a session id. */
    public Session initialize(String version) {
        Reply reply = initializeWith("""
                {"protocolVersion":"%s","capabilities":{},"clientInfo":{"name":"mcp-http-test","version":"1.0"}}"""
                .formatted(version));
        if (reply.status() != 200 || reply.sessionId() == null) {
            throw new AssertionError("initialize failed: " + reply);
        }
        JsonNode result = reply.json().get("result");
        if (result == null) {
            throw new AssertionError("initialize answered an error: " + reply);
        }
        return new Session(reply.sessionId(), result.path("protocolVersion").asText(), result, reply);
    }

    /** Sends {@code initialize} with these params, without a session id unless {@code headers} adds one. */
    public Reply initializeWith(String paramsJson, String... headers) {
        return call(null, "initialize", paramsJson, headers);
    }

    /** A JSON-RPC request {@code method} with a fresh integer id; {@code paramsJson} may be null. */
    public Reply call(String sessionId, String method, String paramsJson, String... headers) {
        return post(sessionId, request(method, paramsJson), headers);
    }

    /** The text of a JSON-RPC request with a fresh integer id. */
    public static String request(String method, String paramsJson) {
        String params = paramsJson == null ? "" : ",\"params\":" + paramsJson;
        return "{\"jsonrpc\":\"2.0\",\"id\":" + REQUEST_IDS.incrementAndGet() + ",\"method\":\"" + method + "\""
                + params + "}";
    }

    /** {@code tools/call} of {@code tool} with {@code argumentsJson} (may be null). */
    public Reply callTool(String sessionId, String tool, String argumentsJson, String... headers) {
        String arguments = argumentsJson == null ? "" : ",\"arguments\":" + argumentsJson;
        return call(sessionId, "tools/call", "{\"name\":\"" + tool + "\"" + arguments + "}", headers);
    }

    /** The {@code result} of a successful {@code tools/call} (which may still be {@code isError:true}). */
    public JsonNode toolResult(String sessionId, String tool, String argumentsJson) {
        return callTool(sessionId, tool, argumentsJson).result();
    }

    // ---- HTTP methods -----------------------------------------------------------------------------

    /** POSTs {@code body} with the standard {@code Accept} and {@code Content-Type}. */
    public Reply post(String sessionId, String body, String... headers) {
        return post(sessionId, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Reply post(String sessionId, byte[] body, String... headers) {
        return send(postRequest(sessionId, HttpRequest.BodyPublishers.ofByteArray(body), headers));
    }

    /** {@link #post} without waiting: the answer completes the future. */
    public CompletableFuture<Reply> postAsync(String sessionId, String body, String... headers) {
        HttpRequest request = postRequest(sessionId, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                headers);
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Reply(response.statusCode(), Reply.lowercase(response.headers()),
                        response.body()));
    }

    /**
     * Opens a GET stream; the answer is returned as soon as its head has arrived, with the body
     * still streaming. {@code lastEventId} may be null.
     */
    public Stream get(String sessionId, String lastEventId, String... headers) {
        Map<String, String> all = headerMap();
        all.put("Accept", EVENT_STREAM);
        if (lastEventId != null) {
            all.put("Last-Event-ID", lastEventId);
        }
        HttpRequest request = builder(sessionId, all, headers).GET().build();
        try {
            return new Stream(CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while opening GET " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("GET " + url + " got no response head within " + TIMEOUT, e);
        }
    }

    public Reply delete(String sessionId, String... headers) {
        return send(builder(sessionId, headerMap(), headers).DELETE().build());
    }

    /** A CORS preflight from {@code origin} (no credentials unless standing headers carry them). */
    public Reply options(String origin, String... headers) {
        Map<String, String> all = headerMap();
        all.put("Origin", origin);
        all.put("Access-Control-Request-Method", "POST");
        all.put("Access-Control-Request-Headers", "authorization, content-type, mcp-session-id");
        return send(builder(null, all, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A request builder for this endpoint with the standing headers and the session id, for odd cases. */
    public HttpRequest.Builder requestBuilder(String sessionId, String... headers) {
        return builder(sessionId, headerMap(), headers);
    }

    /** Sends any request and reads the whole answer. */
    public static Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), Reply.lowercase(response.headers()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private HttpRequest postRequest(String sessionId, HttpRequest.BodyPublisher body, String... headers) {
        Map<String, String> defaults = headerMap();
        defaults.put("Accept", JSON + ", " + EVENT_STREAM);
        defaults.put("Content-Type", JSON);
        return builder(sessionId, defaults, headers).POST(body).build();
    }

    private HttpRequest.Builder builder(String sessionId, Map<String, String> defaults, String... extra) {
        Map<String, String> headers = headerMap();
        headers.putAll(defaults);
        headers.putAll(standing);
        if (sessionId != null) {
            headers.put(SESSION_HEADER, sessionId);
        }
        if (extra.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name/value pairs: " + List.of(extra));
        }
        for (int i = 0; i < extra.length; i += 2) {
            put(headers, extra[i], extra[i + 1]);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::setHeader);
        return builder;
    }

    private static Map<String, String> headerMap() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
    }

    // ---- raw socket -------------------------------------------------------------------------------

    /**
     * Writes {@code head} (request line and header lines, CRLF-separated, without the blank line)
     * and then {@code body} on a fresh socket and reads the answer until the server closes or the
     * body is complete: for what {@link HttpClient} refuses to send ({@code Host}, oversized bodies
     * the server may refuse early). The body is written on another thread, so an early answer is
     * read even if the server stops reading.
     */
    public static Reply sendRaw(URI url, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis() * 3);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> writeQuietly(out, body), "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            return readRawReply(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("raw request failed: " + head.lines().findFirst().orElse(""), e);
        }
    }

    private static void writeQuietly(OutputStream out, byte[] body) {
        try {
            for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                out.write(body, offset, Math.min(64 * 1024, body.length - offset));
            }
            out.flush();
        } catch (IOException ignored) {
            // the server answered early and closed: the answer is what the test reads
        }
    }

    private static Reply readRawReply(InputStream in) throws IOException {
        RawHttp.Response response = RawHttp.read(in);
        return new Reply(response.status(), response.headers(), response.body());
    }

    // ---- answers ----------------------------------------------------------------------------------

    /** A complete answer. Header names are lowercase. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        static Map<String, List<String>> lowercase(HttpHeaders headers) {
            Map<String, List<String>> map = new LinkedHashMap<>();
            headers.map().forEach((name, values) -> map.put(name.toLowerCase(Locale.ROOT), values));
            return map;
        }

        /** The first value of the header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String sessionId() {
            return header(SESSION_HEADER);
        }

        /** The media type of {@code Content-Type} without parameters, or null. */
        public String mediaType() {
            String type = header("Content-Type");
            return type == null ? null : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON; for an SSE answer, the data of its last event (the JSON-RPC response). */
        public JsonNode json() {
            if (EVENT_STREAM.equals(mediaType())) {
                List<SseReader.Event> events = events();
                if (events.isEmpty()) {
                    throw new AssertionError("SSE answer without events: " + this);
                }
                return events.get(events.size() - 1).json();
            }
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("body is not JSON: " + this, e);
            }
        }

        /** The {@code result} of a JSON-RPC response; fails on a non-200 status or an error answer. */
        public JsonNode result() {
            if (status != 200) {
                throw new AssertionError("expected 200, got " + this);
            }
            JsonNode result = json().get("result");
            if (result == null) {
                throw new AssertionError("expected a result, got " + this);
            }
            return result;
        }

        /** The events of an SSE body. */
        public List<SseReader.Event> events() {
            return SseReader.parse(body).stream()
                    .filter(SseReader.Event.class::isInstance).map(SseReader.Event.class::cast).toList();
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** An open GET answer: the head has arrived, the body streams. Closing it disconnects. */
    public static final class Stream implements AutoCloseable {
        private final HttpResponse<InputStream> response;
        private SseReader reader;

        Stream(HttpResponse<InputStream> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public Map<String, List<String>> headers() {
            return Reply.lowercase(response.headers());
        }

        /** The body as events, read incrementally from now on. */
        public synchronized SseReader events() {
            if (reader == null) {
                reader = SseReader.start(response.body());
            }
            return reader;
        }

        /** The whole body, for an answer that is not a stream (an error). */
        public Reply read() {
            try (InputStream body = response.body()) {
                return new Reply(status(), headers(), body.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() {
            if (reader != null) {
                reader.close();
            } else {
                try {
                    response.body().close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public String toString() {
            return status() + " " + headers();
        }
    }
}
