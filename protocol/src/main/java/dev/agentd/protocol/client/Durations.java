package dev.agentd.protocol.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration options (core conventions): {@code <n>ms|s|m|h}, a bare number meaning seconds. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private Durations() {}

    /** Parses {@code value}; anything else is a usage error naming the value. */
    public static Duration parse(String value) {
        Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches()) {
            throw invalid(value);
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            return Duration.of(amount, unit(matcher.group(2)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(value);
        }
    }

    private static ChronoUnit unit(String suffix) {
        if (suffix == null) {
            return ChronoUnit.SECONDS;
        }
        return switch (suffix) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
    }

    private static DiscoveryException invalid(String value) {
        return DiscoveryException.invalid("invalid duration '" + value + "' (expected <n>ms|s|m|h)");
    }
}
