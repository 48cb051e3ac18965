package dev.agentd.daemon.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a tool's {@code arguments} against its input schema, read from the very nodes that
 * {@code tools/list} shows (the keyword subset of {@link SchemaBuilder}). The first violation
 * fails the call with {@code invalid arguments: <detail>}; checks run in a fixed order: missing
 * required properties (schema order), unknown properties (argument order), then the values
 * (schema order). Details:
 *
 * <ul>
 *   <li>{@code <name>: required} — absent or {@code null}</li>
 *   <li>{@code <name>: unknown property} — not declared (the schemas are closed)</li>
 *   <li>{@code <name>: must be a string|an integer|a number|a boolean|an array|an object}</li>
 *   <li>{@code <name>: must be at least <n> characters long} — {@code minLength}, in code points</li>
 *   <li>{@code <name>: must be >= <n>} / {@code must be <= <n>} — {@code minimum} / {@code maximum}</li>
 *   <li>{@code <name>[<i>]: must be a string} — an array item of the wrong type</li>
 *   <li>{@code must be an object} — {@code arguments} itself is not an object</li>
 * </ul>
 *
 * <p>An optional property given as {@code null} counts as absent, as it does for the WebSocket
 * twins ({@code MemoryParams}): clients generated from schemas often send {@code null} for "not
 * given", and refusing that would make the two front ends disagree. Integers must be integral
 * JSON numbers ({@code 5}, not {@code 5.0}), again as the twins read them.
 */
final class ArgumentValidator {
    private ArgumentValidator() {}

    /** The arguments as an object ({@code {}} when absent or null), or a {@link ToolFailure}. */
    static ObjectNode validate(JsonNode given, ObjectNode schema) {
        ObjectNode arguments = isAbsent(given) ? JsonNodeFactory.instance.objectNode() : asObject(given);
        JsonNode properties = schema.path("properties");
        requirePresent(arguments, schema.path("required"));
        requireDeclared(arguments, properties);
        for (Iterator<Map.Entry<String, JsonNode>> declared = properties.fields(); declared.hasNext(); ) {
            Map.Entry<String, JsonNode> property = declared.next();
            JsonNode value = arguments.get(property.getKey());
            if (!isAbsent(value)) {
                checkValue(property.getKey(), property.getValue(), value);
            }
        }
        return arguments;
    }

    private static void requirePresent(ObjectNode arguments, JsonNode required) {
        for (JsonNode name : required) {
            if (isAbsent(arguments.get(name.textValue()))) {
                throw ToolFailure.invalidArguments(name.textValue() + ": required");
            }
        }
    }

    private static void requireDeclared(ObjectNode arguments, JsonNode properties) {
        for (Iterator<String> names = arguments.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!properties.has(name)) {
                throw ToolFailure.invalidArguments(name + ": unknown property");
            }
        }
    }

    private static ObjectNode asObject(JsonNode arguments) {
        if (!arguments.isObject()) {
            throw ToolFailure.invalidArguments("must be an object");
        }
        return (ObjectNode) arguments;
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }

    private static void checkValue(String path, JsonNode schema, JsonNode value) {
        String type = schema.path("type").asText();
        if (!hasType(value, type)) {
            throw ToolFailure.invalidArguments(path + ": must be " + article(type) + " " + type);
        }
        if (schema.has("minLength") && value.textValue().codePointCount(0, value.textValue().length())
                < schema.get("minLength").intValue()) {
            throw ToolFailure.invalidArguments(path + ": must be at least " + schema.get("minLength").asText()
                    + " characters long");
        }
        if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            throw ToolFailure.invalidArguments(path + ": must be >= " + schema.get("minimum").asText());
        }
        if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            throw ToolFailure.invalidArguments(path + ": must be <= " + schema.get("maximum").asText());
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                checkValue(path + "[" + i + "]", schema.get("items"), value.get(i));
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> throw new IllegalStateException("schema type outside the supported subset: " + type);
        };
    }

    private static String article(String type) {
        return type.equals("integer") || type.equals("array") || type.equals("object") ? "an" : "a";
    }
}
