package dev.agentd.memgine.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict typed reads from a JSON object for the engine's own files (journal, snapshot). Every
 * violation is an {@link IllegalArgumentException} naming the field; {@code null} counts as absent.
 */
final class Fields {
    private Fields() {}

    static boolean present(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    static String requiredString(JsonNode node, String name) {
        String value = optionalString(node, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static String optionalString(JsonNode node, String name) {
        if (!present(node, name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.textValue();
    }

    static long requiredLong(JsonNode node, String name) {
        Long value = optionalLong(node, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static Long optionalLong(JsonNode node, String name) {
        if (!present(node, name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return value.longValue();
    }

    static double optionalDouble(JsonNode node, String name, double fallback) {
        if (!present(node, name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return value.doubleValue();
    }

    static boolean optionalBoolean(JsonNode node, String name, boolean fallback) {
        if (!present(node, name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name + " must be a boolean");
        }
        return value.booleanValue();
    }

    static List<JsonNode> array(JsonNode node, String name) {
        if (!present(node, name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw new IllegalArgumentException(name + " must be an array");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    static List<String> strings(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(node, name)) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(name + " must hold strings");
            }
            values.add(item.textValue());
        }
        return values;
    }
}
