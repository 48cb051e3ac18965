package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.agentd.memgine.Timestamps;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of {@link Fields}, with its messages, applied to the value at a streaming parser's
 * current token. Each read consumes the whole value, also when it throws, so the caller can go on
 * with the next member. {@code null} is absent.
 */
final class TokenFields {
    private TokenFields() {}

    static String string(JsonParser parser, String name) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getText();
            default -> throw skipping(parser, Fields.wrongType(name, "a string"));
        };
    }

    static Long integer(JsonParser parser, String name) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw Fields.wrongType(name, "an integer");
                }
                yield parser.getLongValue();
            }
            default -> throw skipping(parser, Fields.wrongType(name, "an integer"));
        };
    }

    static Double number(JsonParser parser, String name) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            default -> throw skipping(parser, Fields.wrongType(name, "a number"));
        };
    }

    static Boolean bool(JsonParser parser, String name) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> throw skipping(parser, Fields.wrongType(name, "a boolean"));
        };
    }

    /** An array of strings; absent is {@code null}. */
    static List<String> strings(JsonParser parser, String name) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw skipping(parser, Fields.wrongType(name, "an array"));
        }
        List<String> values = new ArrayList<>(4);
        boolean allStrings = true;
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            } else {
                allStrings = false;
                parser.skipChildren();
            }
        }
        if (!allStrings) {
            throw Fields.notAllStrings(name);
        }
        return values;
    }

    /** Integer epoch milliseconds or an RFC 3339 string, as {@link DocumentEntries#time}. */
    static Long time(JsonParser parser, String name) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw Fields.wrongType(name, "a timestamp");
                }
                yield parser.getLongValue();
            }
            case VALUE_STRING -> {
                try {
                    yield Timestamps.parse(parser.getText());
                } catch (DateTimeParseException e) {
                    throw Fields.notATimestamp(name);
                }
            }
            default -> throw skipping(parser, Fields.wrongType(name, "a timestamp"));
        };
    }

    private static IllegalArgumentException skipping(JsonParser parser, IllegalArgumentException failure)
            throws IOException {
        parser.skipChildren();
        return failure;
    }
}
