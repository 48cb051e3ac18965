package dev.agentd.memgine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict typed reads from a JSON object for the engine's own files (journal, snapshot). Every
 * violation is an {@link IllegalArgumentException} naming the field; {@code null} counts as absent.
 * {@link TokenFields} applies the same rules, with the same messages, to a streaming parser.
 */
final class Fields {
    private Fields() {}

    static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException(name + " is required");
    }

    /** {@code expected} is "a string", "an integer", "a number", "a boolean", "an array", "a timestamp". */
    static IllegalArgumentException wrongType(String name, String expected) {
        return new IllegalArgumentException(name + " must be " + expected);
    }

    static IllegalArgumentException notAllStrings(String name) {
        return new IllegalArgumentException(name + " must hold strings");
    }

    static IllegalArgumentException notATimestamp(String name) {
        return new IllegalArgumentException(name + " is not an RFC 3339 timestamp");
    }

    static boolean present(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    static String requiredString(JsonNode node, String name) {
        String value = optionalString(node, name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    static String optionalString(JsonNode node, String name) {
        if (!present(node, name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw wrongType(name, "a string");
        }
        return value.textValue();
    }

    static long requiredLong(JsonNode node, String name) {
        Long value = optionalLong(node, name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    static Long optionalLong(JsonNode node, String name) {
        if (!present(node, name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "an integer");
        }
        return value.longValue();
    }

    static double optionalDouble(JsonNode node, String name, double fallback) {
        if (!present(node, name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isNumber()) {
            throw wrongType(name, "a number");
        }
        return value.doubleValue();
    }

    static boolean optionalBoolean(JsonNode node, String name, boolean fallback) {
        if (!present(node, name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return value.booleanValue();
    }

    static List<JsonNode> array(JsonNode node, String name) {
        if (!present(node, name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw wrongType(name, "an array");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    static List<String> strings(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(node, name)) {
            if (!item.isTextual()) {
                throw notAllStrings(name);
            }
            values.add(item.textValue());
        }
        return values;
    }
}
