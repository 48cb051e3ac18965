package dev.agentd.daemon.mcp;

import java.time.Duration;

/**
 * The {@code --mcp-*} options of {@code agentd serve} (mcp §7.5), validated at construction so a
 * bad value fails with a message naming the option and the accepted range.
 *
 * @param idleTtl      inactivity TTL of a session
 * @param maxAge       absolute TTL of a session
 * @param maxSessions  LRU cap of the session store
 * @param ringCapacity replay ring capacity per session (16–65536)
 * @param keepAlive    keep-alive interval on GET streams
 */
public record McpSettings(Duration idleTtl, Duration maxAge, int maxSessions, int ringCapacity, Duration keepAlive) {
    public static final Duration DEFAULT_IDLE_TTL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
    public static final int DEFAULT_MAX_SESSIONS = 1000;
    public static final int DEFAULT_RING_CAPACITY = 256;
    public static final int MIN_RING_CAPACITY = 16;
    public static final int MAX_RING_CAPACITY = 65536;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    public static final McpSettings DEFAULTS = new McpSettings(
            DEFAULT_IDLE_TTL, DEFAULT_MAX_AGE, DEFAULT_MAX_SESSIONS, DEFAULT_RING_CAPACITY, DEFAULT_KEEP_ALIVE);

    public McpSettings {
        requirePositive("mcp-idle-ttl", idleTtl);
        requirePositive("mcp-max-age", maxAge);
        requirePositive("mcp-keepalive", keepAlive);
        if (maxSessions < 1) {
            throw new IllegalArgumentException("mcp-max-sessions: " + maxSessions + " (expected: >= 1)");
        }
        if (ringCapacity < MIN_RING_CAPACITY || ringCapacity > MAX_RING_CAPACITY) {
            throw new IllegalArgumentException("mcp-ring: " + ringCapacity
                    + " (expected: " + MIN_RING_CAPACITY + "-" + MAX_RING_CAPACITY + ")");
        }
    }

    private static void requirePositive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + ": " + value + " (expected: > 0)");
        }
    }

    public McpSettings withIdleTtl(Duration idleTtl) {
        return new McpSettings(idleTtl, maxAge, maxSessions, ringCapacity, keepAlive);
    }

    public McpSettings withMaxAge(Duration maxAge) {
        return new McpSettings(idleTtl, maxAge, maxSessions, ringCapacity, keepAlive);
    }

    public McpSettings withMaxSessions(int maxSessions) {
        return new McpSettings(idleTtl, maxAge, maxSessions, ringCapacity, keepAlive);
    }

    public McpSettings withRingCapacity(int ringCapacity) {
        return new McpSettings(idleTtl, maxAge, maxSessions, ringCapacity, keepAlive);
    }

    public McpSettings withKeepAlive(Duration keepAlive) {
        return new McpSettings(idleTtl, maxAge, maxSessions, ringCapacity, keepAlive);
    }
}
