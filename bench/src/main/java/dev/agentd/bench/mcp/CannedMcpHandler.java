package dev.agentd.bench.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Answers MCP messages without doing their work: {@code DELETE} → 204; a notification → 202; an
 * {@code initialize} request → an initialize result with a fresh {@code Mcp-Session-Id}; any other
 * request → a fixed {@code memory_query} result of five facts (about the size agentd returns),
 * under the request's id. The request body is parsed once, for its id and method; headers are not
 * checked. Writes per message and flushes once per read burst.
 */
final class CannedMcpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final int FACTS = 5;
    private static final byte[] RESPONSE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INITIALIZE_RESULT = bytes(initializeResult());
    private static final byte[] TOOL_RESULT = bytes(toolResult());

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        FullHttpResponse response = answer(ctx, request);
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.write(response);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    private FullHttpResponse answer(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        if (request.method().equals(HttpMethod.DELETE)) {
            return empty(HttpResponseStatus.NO_CONTENT);
        }
        JsonNode message = Json.mapper().readTree(new ByteBufInputStream(request.content().duplicate()));
        if (message == null || !message.has("id")) {
            return empty(HttpResponseStatus.ACCEPTED);
        }
        boolean initialize = "initialize".equals(message.path("method").asText());
        FullHttpResponse response = json(ctx, message.get("id"), initialize ? INITIALIZE_RESULT : TOOL_RESULT);
        if (initialize) {
            response.headers().set(McpRequests.SESSION_ID, UUID.randomUUID().toString());
        }
        return response;
    }

    private static FullHttpResponse json(ChannelHandlerContext ctx, JsonNode id, byte[] result) {
        ByteBuf body = ctx.alloc().buffer(RESPONSE_PREFIX.length + 24 + result.length);
        body.writeBytes(RESPONSE_PREFIX);
        ByteBufUtil.writeUtf8(body, id.toString());
        body.writeByte(',');
        body.writeBytes(result);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    private static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    private static ObjectNode initializeResult() {
        ObjectNode result = Json.mapper().createObjectNode().put("protocolVersion", McpRequests.LATEST_VERSION);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.putObject("serverInfo").put("name", "canned").put("version", "0.1.0");
        return result;
    }

    private static ObjectNode toolResult() {
        ObjectNode structured = Json.mapper().createObjectNode();
        ArrayNode results = structured.putArray("results");
        for (int i = 1; i <= FACTS; i++) {
            results.addObject()
                    .put("id", "synth-" + i)
                    .put("subject", "deploy_target" + i)
                    .put("body", "the release pipeline promotes each build to the staging cluster before the "
                            + "production rollout window opens on weekdays")
                    .put("kind", "pattern")
                    .put("confidence", 1.0);
        }
        ObjectNode result = Json.mapper().createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", structured.toString());
        result.set("structuredContent", structured);
        result.put("isError", false);
        return result;
    }

    /** {@code "result":{…}}}: the rest of a response after its id and a comma. */
    private static byte[] bytes(ObjectNode result) {
        return ("\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
    }
}
