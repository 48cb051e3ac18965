package dev.agentd.daemon.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentd.daemon.session.DaemonCredentials;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The early steps of mcp §3 through the real handlers on an {@link EmbeddedChannel}: Host, method,
 * auth, content negotiation, body size and validity, session required, keep-alive between MCP
 * requests, and the hand-over of any other path to the daemon's router.
 */
class McpHttpHandlerTest {
    private static final String TOKEN = "daemon-token-value";
    private static final int MAX_BODY = 1024;
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},\
            "clientInfo":{"name":"t","version":"1"}}}""";

    private final SessionStore store = new SessionStore(McpSettings.DEFAULTS);
    private final EmbeddedChannel channel = pipeline();

    private EmbeddedChannel pipeline() {
        McpRequestProcessor processor = new McpRequestProcessor(new HostHeaderPolicy("127.0.0.1"),
                new McpAuth(new DaemonCredentials(TOKEN, "host-token-value"), agent -> Optional.empty()), store,
                new McpDispatcher(null, null), new InFlightRequests(), McpSettings.DEFAULTS, MAX_BODY, () -> false);
        EmbeddedChannel embedded = new EmbeddedChannel();
        embedded.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast(McpEndpoint.AGGREGATOR, new McpBodyAggregator(MAX_BODY, processor))
                .addLast(McpEndpoint.HANDLER, new McpHttpHandler(processor, McpEndpoint.AGGREGATOR));
        return embedded;
    }

    private record Response(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private Response exchange(String method, String headers, String body) {
        String bodyText = body == null ? "" : body;
        String request = method + " /mcp?x=1 HTTP/1.1\r\n" + headers
                + "Content-Length: " + bodyText.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + bodyText;
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
        channel.runPendingTasks();
        StringBuilder raw = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            raw.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        String text = raw.toString();
        int split = text.indexOf("\r\n\r\n");
        assertThat(split).as("a complete response head in %s", text).isPositive();
        return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(0, split + 2), text.substring(split + 4));
    }

    private static String post(String extra) {
        return "Host: 127.0.0.1:9100\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\n" + extra;
    }

    @Test
    void foreignHostIs403BeforeAuth() {
        Response response = exchange("POST", "Host: evil.example.com\r\n", INITIALIZE);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThatJson(response.body()).isEqualTo("""
                {"jsonrpc":"2.0","error":{"code":-32000,"message":"forbidden: Host not allowed"},"id":null}""");
        channel.finishAndReleaseAll();
    }

    @Test
    void otherMethodIs405WithAllow() {
        Response response = exchange("PUT", "Host: localhost\r\n", null);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, POST, DELETE");
        channel.finishAndReleaseAll();
    }

    @Test
    void hostTokenIs401WithChallenge() {
        Response response = exchange("POST", "Host: [::1]:80\r\nAuthorization: Bearer host-token-value\r\n"
                + "Content-Type: application/json\r\n", INITIALIZE);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"agentd\"");
        assertThatJson(response.body()).inPath("error.code").isEqualTo(-32001);
        channel.finishAndReleaseAll();
    }

    @Test
    void negotiationFailuresAre406And415() {
        assertThat(exchange("POST", post("").replace("application/json, text/event-stream", "application/json"),
                INITIALIZE).status()).isEqualTo(406);
        assertThat(exchange("POST", post("Content-Type: text/plain\r\n").replace("Content-Type: application/json\r\n", ""),
                INITIALIZE).status()).isEqualTo(415);
        assertThat(exchange("GET", "Host: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\nAccept: application/json\r\n",
                null).status()).isEqualTo(406);
        channel.finishAndReleaseAll();
    }

    @Test
    void oversizedBodyIs413AndClosesTheConnection() {
        Response response = exchange("POST", post(""), "x".repeat(MAX_BODY + 1));
        assertThat(response.status()).isEqualTo(413);
        assertThatJson(response.body()).inPath("error.code").isEqualTo(-32000);
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void malformedAndInvalidBodiesAre400() {
        assertThatJson(exchange("POST", post(""), "{nope").body()).isEqualTo("""
                {"jsonrpc":"2.0","error":{"code":-32700,"message":"${json-unit.any-string}"},"id":null}""");
        assertThatJson(exchange("POST", post(""), "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}").body())
                .inPath("error.code").isEqualTo(-32600);
        assertThatJson(exchange("POST", post(""), "[]").body()).inPath("error.code").isEqualTo(-32600);
        channel.finishAndReleaseAll();
    }

    @Test
    void initializeThenMoreRequestsOnTheSameKeptAliveConnection() {
        Response created = exchange("POST", post("Mcp-Session-Id: stale-id\r\n"), INITIALIZE);
        assertThat(created.status()).isEqualTo(200);
        String session = created.header("Mcp-Session-Id");
        assertThat(session).hasSize(36).isNotEqualTo("stale-id");
        assertThat(store.find(session)).isPresent();
        assertThat(created.header("Connection")).isNull();

        Response missing = exchange("POST", post(""), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThatJson(missing.body()).isEqualTo("""
                {"jsonrpc":"2.0","error":{"code":-32000,"message":"Mcp-Session-Id header required"},"id":null}""");

        Response ping = exchange("POST", post("Mcp-Session-Id: " + session + "\r\n"),
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        assertThatJson(ping.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}");
        assertThat(ping.header("Mcp-Session-Id")).isEqualTo(session);

        Response unknown = exchange("POST", post("Mcp-Session-Id: 00000000-0000-4000-8000-000000000000\r\n"),
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(channel.isOpen()).isTrue();
        assertFalse(channel.finish());
    }

    @Test
    void anotherPathLeavesTheConnectionToTheRouter() {
        channel.writeInbound(Unpooled.copiedBuffer("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n",
                StandardCharsets.US_ASCII));
        Object passed = channel.readInbound();
        assertThat(passed).isInstanceOf(HttpRequest.class);
        assertThat(channel.pipeline().get(McpEndpoint.HANDLER)).isNull();
        assertThat(channel.pipeline().get(McpEndpoint.AGGREGATOR)).isNull();
        channel.finishAndReleaseAll();
    }
}
