package dev.agentd.memgine.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.Timestamps;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one {@code params} object with the messages of memory §3: a wrong type is
 * {@code invalid params: <field> must be …}. Absent and {@code null} mean the same (CAR clients
 * send {@code null} for "not given"); absent or {@code null} params are an empty object.
 */
final class ParamReader {
    private final JsonNode params;

    ParamReader(JsonNode params) {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw MemoryException.invalidParams("params must be an object");
        }
        this.params = params == null ? NullNode.getInstance() : params;
    }

    boolean has(String name) {
        JsonNode value = params.get(name);
        return value != null && !value.isNull();
    }

    String string(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = params.get(name);
        if (!value.isTextual()) {
            throw MemoryException.invalidParams(name + " must be a string");
        }
        return value.textValue();
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw MemoryException.invalidParams(name + " is required");
        }
        return value;
    }

    Double number(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = params.get(name);
        if (!value.isNumber()) {
            throw MemoryException.invalidParams(name + " must be a number");
        }
        return value.doubleValue();
    }

    /** An integer, or {@code null}; values beyond {@code long} saturate so range checks still apply. */
    Long integer(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = params.get(name);
        if (!value.isIntegralNumber()) {
            throw MemoryException.invalidParams(name + " must be an integer");
        }
        if (!value.canConvertToLong()) {
            return value.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return value.longValue();
    }

    Boolean bool(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = params.get(name);
        if (!value.isBoolean()) {
            throw MemoryException.invalidParams(name + " must be a boolean");
        }
        return value.booleanValue();
    }

    List<String> strings(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = params.get(name);
        if (!value.isArray()) {
            throw MemoryException.invalidParams(name + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw MemoryException.invalidParams(name + " must be an array of strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** An RFC 3339 string or integer epoch milliseconds, as epoch milliseconds. */
    Long timestamp(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = params.get(name);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Timestamps.parse(value.textValue());
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw MemoryException.invalidParams(name + " must be an RFC 3339 timestamp or epoch milliseconds");
    }
}
