package dev.agentd.daemon.mcp.clients;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import java.io.IOException;
import java.util.Map;

/**
 * A Jackson mix-in for the Java SDK 2.0.1, whose {@code LoggingMessageNotification.data} is a
 * {@code String} although MCP declares it as any JSON value: agentd sends an object (mcp §13), which
 * the SDK's own mapper cannot read, so it drops the notification. With this mix-in a non-string
 * {@code data} arrives as its compact JSON text.
 */
abstract class LoggingDataAsJsonText {
    /** The SDK's default mapper ({@code new ObjectMapper()}) plus this mix-in. */
    static McpJsonMapper mapper() {
        ObjectMapper objectMapper = new ObjectMapper().addMixIn(LoggingMessageNotification.class, LoggingDataAsJsonText.class);
        return new JacksonMcpJsonMapper(objectMapper);
    }

    @JsonCreator
    static LoggingMessageNotification fromJson(@JsonProperty("level") LoggingLevel level,
            @JsonProperty("logger") String logger,
            @JsonProperty("data") @JsonDeserialize(using = JsonText.class) String data,
            @JsonProperty("_meta") Map<String, Object> meta) {
        throw new UnsupportedOperationException("mix-in: only its annotations are used");
    }

    /** A string as itself; any other JSON value as its compact text. */
    static final class JsonText extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            return parser.readValueAsTree().toString();
        }
    }
}
