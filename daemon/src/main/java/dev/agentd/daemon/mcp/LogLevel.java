package dev.agentd.daemon.mcp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The logging levels of mcp §11.2 (RFC 5424 severities), least severe first. */
public enum LogLevel {
    DEBUG,
    INFO,
    NOTICE,
    WARNING,
    ERROR,
    CRITICAL,
    ALERT,
    EMERGENCY;

    /** The level as {@code logging/setLevel} and {@code notifications/message} spell it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogLevel> parse(String value) {
        return Arrays.stream(values()).filter(level -> level.wire().equals(value)).findFirst();
    }

    /** Whether a notification of {@code level} reaches a session whose minimum level is this one. */
    public boolean admits(LogLevel level) {
        return level.compareTo(this) >= 0;
    }
}
