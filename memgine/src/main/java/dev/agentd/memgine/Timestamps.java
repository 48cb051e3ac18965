package dev.agentd.memgine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps on the wire and in export files: RFC 3339 UTC with milliseconds
 * ({@code 2025-06-01T09:30:12.345Z}). Inside the engine every timestamp is epoch milliseconds.
 */
public final class Timestamps {
    private static final int CANONICAL_LENGTH = "2025-06-01T09:30:12.345Z".length();
    private static final long NOT_CANONICAL = Long.MIN_VALUE;
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The formatted value, or {@code null} for {@code null}. */
    public static String formatNullable(Long epochMillis) {
        return epochMillis == null ? null : format(epochMillis);
    }

    /**
     * Parses an RFC 3339 timestamp with any offset; a value without offset is read as UTC (the
     * StateBench data has such values). Throws {@link DateTimeParseException}.
     */
    public static long parse(String text) {
        long canonical = parseCanonical(text);
        if (canonical != NOT_CANONICAL) {
            return canonical;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }

    /**
     * Reads exactly the shape {@link #format} writes, which an export holds several of per fact,
     * without the general parser (a third of an export's parse time went there). Anything else,
     * an impossible date included, is {@link #NOT_CANONICAL} and left to the general parser.
     */
    private static long parseCanonical(String text) {
        if (text.length() != CANONICAL_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return NOT_CANONICAL;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return NOT_CANONICAL;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The value of {@code count} ASCII digits at {@code start}, or -1. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
