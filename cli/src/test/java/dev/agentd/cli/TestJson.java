package dev.agentd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.UncheckedIOException;

/** JSON literals in tests, parsed with the project's mapper. */
final class TestJson {
    private TestJson() {}

    static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
