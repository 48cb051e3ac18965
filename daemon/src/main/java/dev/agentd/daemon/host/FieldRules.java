package dev.agentd.daemon.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The field limits of host §2 and §3, checked by the params records' compact constructors. Each
 * failure is an {@link IllegalArgumentException} whose message becomes
 * {@code invalid params: <message>} (-32602).
 */
final class FieldRules {
    static final int TEXT_MAX = 4096;
    static final int OBJECT_MAX_BYTES = 64 * 1024;

    private FieldRules() {}

    /** A required string of {@code 1..max} characters (code points). */
    static String requiredText(String field, String value, int max) {
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return boundedText(field, value, 1, max);
    }

    /** An optional string of at most {@code max} characters; null stays null. */
    static String optionalText(String field, String value, int max) {
        return value == null ? null : boundedText(field, value, 0, max);
    }

    private static String boundedText(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new IllegalArgumentException("'" + field + "' must be " + (min == 0 ? "at most " + max
                    : min + " to " + max) + " characters (got " + length + ")");
        }
        return value;
    }

    /** A list of at most {@code maxEntries} strings of 1..{@code maxLength} characters; null becomes []. */
    static List<String> textList(String field, List<String> values, int maxEntries, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxEntries) {
            throw new IllegalArgumentException("'" + field + "' must have at most " + maxEntries
                    + " entries (got " + values.size() + ")");
        }
        for (int i = 0; i < values.size(); i++) {
            requiredText(field + "[" + i + "]", values.get(i), maxLength);
        }
        return List.copyOf(values);
    }

    /** An optional JSON object of at most 64 KiB serialized; absent and JSON null give null. */
    static ObjectNode optionalObject(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw new IllegalArgumentException("'" + field + "' must be an object");
        }
        int bytes = serializedSize(object);
        if (bytes > OBJECT_MAX_BYTES) {
            throw new IllegalArgumentException("'" + field + "' must be at most " + OBJECT_MAX_BYTES
                    + " bytes serialized (got " + bytes + ")");
        }
        return object;
    }

    /** As {@link #optionalObject}, defaulting to {@code {}}. */
    static ObjectNode objectOrEmpty(String field, JsonNode value) {
        ObjectNode object = optionalObject(field, value);
        return object != null ? object : Json.mapper().createObjectNode();
    }

    /** An optional integer in {@code min..max}. */
    static Long optionalRange(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException("'" + field + "' must be from " + min + " to " + max + " (got " + value + ")");
        }
        return value;
    }

    private static int serializedSize(ObjectNode object) {
        try {
            return Json.mapper().writeValueAsBytes(object).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree always serializes
        }
    }
}
