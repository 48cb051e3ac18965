package dev.agentd.bench.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.agentd.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the load client needs from a response: its integer id ({@code -1} when absent or not an
 * integer) and, for anything that is not a result, a short description of the failure. Read with
 * the streaming parser so the result itself is skipped rather than materialized.
 */
record RpcReply(long id, String failure) {
    static final long NO_ID = -1;
    /** Reads the error object in the middle of the stream, so tokens after it are expected. */
    private static final ObjectReader NESTED_READER =
            Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    boolean succeeded() {
        return failure == null;
    }

    static RpcReply read(ByteBuf content) {
        int start = content.readerIndex();
        // Typed as InputStream to pick that overload: ByteBufInputStream is also a DataInput.
        InputStream in = new ByteBufInputStream(content);
        try (JsonParser parser = Json.mapper().getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new RpcReply(NO_ID, "not a JSON-RPC object: " + text(content, start));
            }
            return readFields(parser);
        } catch (IOException e) {
            return new RpcReply(NO_ID, "unreadable response: " + e.getMessage());
        }
    }

    private static String text(ByteBuf content, int start) {
        return content.toString(start, content.writerIndex() - start, StandardCharsets.UTF_8);
    }

    private static RpcReply readFields(JsonParser parser) throws IOException {
        long id = NO_ID;
        boolean hasResult = false;
        String error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : NO_ID;
                case "result" -> {
                    hasResult = true;
                    parser.skipChildren();
                }
                case "error" -> error = "error " + NESTED_READER.readTree(parser);
                default -> parser.skipChildren();
            }
        }
        if (error == null && !hasResult) {
            error = "response has neither result nor error";
        }
        return new RpcReply(id, error);
    }
}
