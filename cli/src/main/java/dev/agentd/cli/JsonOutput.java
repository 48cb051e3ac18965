package dev.agentd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.agentd.protocol.Json;
import java.io.UncheckedIOException;

/** Renders results: compact for {@code --json} (cli §5.2), indented for people. Key order is kept. */
final class JsonOutput {
    private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter PRETTY = Json.mapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(INDENTER)
            .withArrayIndenter(INDENTER));

    private JsonOutput() {}

    /** One line, no trailing newline. */
    static String compact(JsonNode value) {
        return write(Json.mapper().writer(), value);
    }

    static String pretty(JsonNode value) {
        return write(PRETTY, value);
    }

    static String render(JsonNode value, boolean compact) {
        return compact ? compact(value) : pretty(value);
    }

    private static String write(ObjectWriter writer, JsonNode value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
