package dev.agentd.daemon.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decodes a params object into a record. Type mismatches name the field and the expected JSON
 * type; a record's own validation (its compact constructor) supplies the message otherwise.
 */
public final class ParamsDecoder {
    private ParamsDecoder() {}

    public static <T> T decode(JsonNode params, Class<T> type) {
        try {
            return Json.mapper().treeToValue(params, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw RpcException.invalidParams(cause.getMessage());
        } catch (MismatchedInputException e) {
            throw RpcException.invalidParams(describeMismatch(e));
        } catch (JsonProcessingException e) {
            throw RpcException.invalidParams(e.getOriginalMessage());
        }
    }

    private static String describeMismatch(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ParamsDecoder::segment)
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        if (field.isEmpty()) {
            return "params must be an object";
        }
        Class<?> target = e.getTargetType();
        return target == null
                ? "'" + field + "' is invalid"
                : "'" + field + "' must be " + jsonType(target);
    }

    private static String segment(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]";
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of type " + type.getSimpleName();
    }
}
