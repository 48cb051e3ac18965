package dev.agentd.browser.script;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Typed reads of one JSON object's fields, each failure an {@link InvalidScriptException} naming
 * the field's path. JSON {@code null} counts as absent. With aliases, the first present name wins
 * and problems name the field as the caller wrote it.
 */
final class Fields {
    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    InvalidScriptException problem(String field, String problem) {
        return new InvalidScriptException(path(field), problem);
    }

    /** The first of {@code names} present with a non-null value. */
    Optional<Field> first(String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return Optional.of(new Field(name, value));
            }
        }
        return Optional.empty();
    }

    boolean has(String... names) {
        return first(names).isPresent();
    }

    Optional<String> string(String... names) {
        return first(names).map(field -> {
            if (!field.value().isTextual()) {
                throw problem(field.name(), "expected a string");
            }
            return field.value().asText();
        });
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() -> problem(name, "required"));
    }

    boolean bool(String name, boolean defaultValue) {
        return first(name).map(field -> {
            if (!field.value().isBoolean()) {
                throw problem(name, "expected a boolean");
            }
            return field.value().booleanValue();
        }).orElse(defaultValue);
    }

    Optional<Integer> integer(String name, int min, int max) {
        return first(name).map(field -> {
            JsonNode value = field.value();
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                if (value.isIntegralNumber()) {
                    throw problem(name, value + " (expected: " + min + "-" + max + ")");
                }
                throw problem(name, "expected an integer");
            }
            int number = value.intValue();
            if (number < min || number > max) {
                throw problem(name, number + " (expected: " + min + "-" + max + ")");
            }
            return number;
        });
    }

    Optional<Double> number(String... names) {
        return first(names).map(field -> {
            if (!field.value().isNumber()) {
                throw problem(field.name(), "expected a number");
            }
            return field.value().doubleValue();
        });
    }

    record Field(String name, JsonNode value) {}
}
