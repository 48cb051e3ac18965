package dev.agentd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * JSON a user hands to a command (a file, stdin or an argument), checked before anything is sent:
 * unreadable input and input that is not one JSON value are usage errors (cli §7, §8).
 */
final class JsonInput {
    static final String STDIN_NAME = "-";
    static final String STDIN_LABEL = "stdin";

    private JsonInput() {}

    /** Reads {@code file}, or stdin for {@code -}. */
    static String read(String file, InputStream stdin) {
        if (file.equals(STDIN_NAME)) {
            try {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw Failures.unreadableInput(STDIN_LABEL, String.valueOf(e.getMessage()));
            }
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Failures.unreadableInput(file, "no such file");
        } catch (IOException | InvalidPathException e) {
            throw Failures.unreadableInput(file, String.valueOf(e.getMessage()));
        }
    }

    /** Exactly one JSON value; {@code source} names the input in the message. */
    static JsonNode parse(String source, String text) {
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw Failures.invalidJson(source, e.getOriginalMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw Failures.invalidJson(source, "no JSON value");
        }
        return parsed;
    }

    static ObjectNode parseObject(String source, String text) {
        JsonNode parsed = parse(source, text);
        if (!(parsed instanceof ObjectNode object)) {
            throw Failures.notJsonObject(source);
        }
        return object;
    }

    /** How messages name an input: {@code stdin} for {@code -}, else the name as given. */
    static String label(String file) {
        return file.equals(STDIN_NAME) ? STDIN_LABEL : file;
    }
}
