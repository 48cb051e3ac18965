package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The text of one table cell (cli §5.1): {@code -} for an absent or {@code null} value,
 * {@code yes}/{@code no} for booleans, RFC 3339 UTC seconds for instants, control characters
 * flattened to a space, and a cut ending in {@code …} past the column's maximum width.
 */
final class CellText {
    static final String ABSENT = "-";
    static final String ELLIPSIS = "…";

    private CellText() {}

    /**
     * @param value a {@link JsonNode}, {@link Boolean}, {@link Instant}, {@code null} or anything
     *     whose {@code toString} is the text
     * @param maxWidth the column's maximum in characters, or 0 for none
     */
    static String of(Object value, int maxWidth) {
        return cut(flatten(text(value)), maxWidth);
    }

    /** Width in characters as a terminal counts them for the scripts agentd prints: code points. */
    static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String text(Object value) {
        if (value instanceof JsonNode node) {
            return json(node);
        }
        if (value == null) {
            return ABSENT;
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        return value.toString();
    }

    private static String json(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return ABSENT;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "yes" : "no";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return JsonOutput.compact(node);
    }

    /** Each run of control characters (a CR LF pair, say) becomes one space, keeping rows one line high. */
    static String flatten(String text) {
        StringBuilder flat = new StringBuilder(text.length());
        boolean inControlRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (!control) {
                flat.append(c);
            } else if (!inControlRun) {
                flat.append(' ');
            }
            inControlRun = control;
        }
        return flat.toString();
    }

    /** Cuts to {@code maxWidth} characters, the last being {@code …}; never splits a surrogate pair. */
    static String cut(String text, int maxWidth) {
        if (maxWidth <= 0 || width(text) <= maxWidth) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxWidth - 1);
        return text.substring(0, end) + ELLIPSIS;
    }
}
