package dev.agentd.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** JSON values to and from WebSocket text messages (one JSON value per message, core §2). */
final class JsonFrames {
    private JsonFrames() {}

    static JsonNode read(TextWebSocketFrame frame) throws IOException {
        // The cast picks the InputStream overload: ByteBufInputStream is also a DataInput.
        return Json.mapper().readTree((InputStream) new ByteBufInputStream(frame.content()));
    }

    static TextWebSocketFrame write(ByteBufAllocator allocator, Object value) throws IOException {
        ByteBuf content = allocator.buffer();
        try (OutputStream out = new ByteBufOutputStream(content)) {
            Json.mapper().writeValue(out, value);
            return new TextWebSocketFrame(content);
        } catch (IOException | RuntimeException e) {
            content.release();
            throw e;
        }
    }
}
