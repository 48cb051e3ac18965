package dev.agentd.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RFC 3339 UTC timestamps with milliseconds, the one wire and file format (core conventions). */
public final class Timestamps {
    // Instant.toString() drops a zero millisecond part; the wire format always has three digits.
    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return RFC_3339_MILLIS.format(instant);
    }
}
