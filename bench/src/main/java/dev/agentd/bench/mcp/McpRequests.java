package dev.agentd.bench.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.bench.load.LoopbackTarget;
import dev.agentd.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP requests of an MCP client session (mcp §9, §10): {@code initialize},
 * {@code notifications/initialized}, {@code tools/call memory_query} and {@code DELETE}, with the
 * headers every Streamable HTTP server expects. The tool-call bodies are encoded once per query,
 * so that a request costs the client one buffer copy and the digits of its id, not a JSON
 * serialization: the client must stay far cheaper than the servers it measures.
 */
final class McpRequests {
    static final AsciiString SESSION_ID = AsciiString.cached("mcp-session-id");
    static final AsciiString PROTOCOL_VERSION = AsciiString.cached("mcp-protocol-version");
    static final String LATEST_VERSION = "2025-11-25";
    /** Ids of the set-up messages; tool calls count from here, so no reply can be mistaken for one. */
    static final long FIRST_CALL_ID = 100;
    static final long INITIALIZE_ID = 1;
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final AsciiString ACCEPT_BOTH = AsciiString.cached("application/json, text/event-stream");
    private static final byte[] CALL_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""".getBytes(StandardCharsets.UTF_8);

    private final LoopbackTarget target;
    private final Optional<String> authorization;
    private final byte[][] callSuffixes;

    McpRequests(LoopbackTarget target, Optional<String> token, List<String> queries, int k) {
        this.target = target;
        this.authorization = token.map(value -> "Bearer " + value);
        this.callSuffixes = queries.stream().map(query -> callSuffix(query, k)).toArray(byte[][]::new);
    }

    int queryCount() {
        return callSuffixes.length;
    }

    FullHttpRequest initialize() {
        ObjectNode params = Json.mapper().createObjectNode()
                .put("protocolVersion", LATEST_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "agentd-mcp-load").put("version", "0.1.0");
        ObjectNode request = Json.mapper().createObjectNode()
                .put("jsonrpc", "2.0").put("id", INITIALIZE_ID).put("method", "initialize");
        request.set("params", params);
        return post(Unpooled.wrappedBuffer(bytes(request)), null, null);
    }

    FullHttpRequest initialized(String sessionId, String version) {
        return post(Unpooled.wrappedBuffer(INITIALIZED), sessionId, version);
    }

    /** {@code tools/call memory_query} with query {@code queryIndex} (modulo the query count). */
    FullHttpRequest toolCall(ByteBufAllocator alloc, String sessionId, String version, long id, int queryIndex) {
        byte[] suffix = callSuffixes[Math.floorMod(queryIndex, callSuffixes.length)];
        ByteBuf body = alloc.buffer(CALL_PREFIX.length + 20 + suffix.length);
        body.writeBytes(CALL_PREFIX);
        ByteBufUtil.writeAscii(body, Long.toString(id));
        body.writeBytes(suffix);
        return post(body, sessionId, version);
    }

    FullHttpRequest delete(String sessionId, String version) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.DELETE, target.path());
        commonHeaders(request.headers(), sessionId, version).setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return request;
    }

    private FullHttpRequest post(ByteBuf body, String sessionId, String version) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target.path(), body);
        commonHeaders(request.headers(), sessionId, version)
                .set(HttpHeaderNames.CONTENT_TYPE, JSON)
                .set(HttpHeaderNames.ACCEPT, ACCEPT_BOTH)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return request;
    }

    private HttpHeaders commonHeaders(HttpHeaders headers, String sessionId, String version) {
        headers.set(HttpHeaderNames.HOST, target.hostHeader());
        authorization.ifPresent(value -> headers.set(HttpHeaderNames.AUTHORIZATION, value));
        if (sessionId != null) {
            headers.set(SESSION_ID, sessionId).set(PROTOCOL_VERSION, version);
        }
        return headers;
    }

    /** Everything of a tool-call body after the id: {@code ,"method":"tools/call","params":{…}}. */
    private static byte[] callSuffix(String query, int k) {
        ObjectNode arguments = Json.mapper().createObjectNode().put("query", query).put("k", k);
        ObjectNode params = Json.mapper().createObjectNode().put("name", "memory_query");
        params.set("arguments", arguments);
        String json = ",\"method\":\"tools/call\",\"params\":" + new String(bytes(params), StandardCharsets.UTF_8) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + node, e);
        }
    }
}
