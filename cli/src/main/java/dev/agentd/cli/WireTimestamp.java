package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a timestamp in any of the wire forms the daemon uses (cli §5.1): epoch seconds (as
 * {@code agents.list}'s {@code started_at}), epoch milliseconds, or an RFC 3339 string.
 */
final class WireTimestamp {
    /**
     * Epoch values at or above this are milliseconds: as seconds it would be the year 5138, as
     * milliseconds it is March 1973, before any timestamp agentd can have written.
     */
    static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private WireTimestamp() {}

    /** The instant, or empty when the value is absent or not a timestamp in a known form. */
    static Optional<Instant> parse(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return fromEpoch(value.decimalValue());
        }
        if (value.isTextual()) {
            return fromRfc3339(value.textValue());
        }
        return Optional.empty();
    }

    private static Optional<Instant> fromEpoch(BigDecimal epoch) {
        BigDecimal seconds = epoch.abs().compareTo(MILLIS_THRESHOLD) >= 0 ? epoch.divide(THOUSAND) : epoch;
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        try {
            return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
        } catch (ArithmeticException | DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    /** RFC 3339 also allows a lower-case {@code t}/{@code z} and a space between date and time. */
    private static Optional<Instant> fromRfc3339(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
            normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
        }
        try {
            return Optional.of(OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
