package dev.agentd.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * One JSON-RPC request with a varying id, serialized once: only the id is written per request, so
 * the load client spends its core on the connection rather than on JSON. Field order is that of
 * {@link dev.agentd.protocol.RpcRequest}: {@code jsonrpc, id, method, params}.
 */
final class RequestTemplate {
    private final byte[] head;
    private final byte[] tail;

    private RequestTemplate(byte[] head, byte[] tail) {
        this.head = head;
        this.tail = tail;
    }

    static RequestTemplate of(String method, JsonNode params) {
        try {
            String tail = ",\"method\":" + Json.mapper().writeValueAsString(method)
                    + ",\"params\":" + Json.mapper().writeValueAsString(params) + "}";
            return new RequestTemplate(
                    "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.UTF_8),
                    tail.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize request " + method, e);
        }
    }

    TextWebSocketFrame frame(ByteBufAllocator allocator, long id) {
        ByteBuf content = allocator.buffer(head.length + 20 + tail.length);
        content.writeBytes(head);
        ByteBufUtil.writeAscii(content, Long.toString(id));
        content.writeBytes(tail);
        return new TextWebSocketFrame(content);
    }
}
