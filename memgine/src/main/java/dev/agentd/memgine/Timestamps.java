package dev.agentd.memgine;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps on the wire and in export files: RFC 3339 UTC with milliseconds
 * ({@code 2025-06-01T09:30:12.345Z}). Inside the engine every timestamp is epoch milliseconds.
 */
public final class Timestamps {
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
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }
}
