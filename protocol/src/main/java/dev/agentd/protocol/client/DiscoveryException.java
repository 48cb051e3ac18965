package dev.agentd.protocol.client;

/**
 * A client setting that cannot be used: a relative state root, an invalid URL, a malformed
 * timeout or duration, or a token file that exists but cannot be read. The message is the text a
 * user sees (cli §8, without the {@code agentd: } prefix).
 */
public final class DiscoveryException extends RuntimeException {
    /** The two kinds map to different exit codes (cli §7). */
    public enum Kind {
        /** A value the user supplied is unusable: exit 2. */
        INVALID_SETTING,
        /** A token file exists but cannot be read: exit 1. */
        UNREADABLE_TOKEN
    }

    private final Kind kind;

    public DiscoveryException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static DiscoveryException invalid(String message) {
        return new DiscoveryException(Kind.INVALID_SETTING, message);
    }

    public Kind kind() {
        return kind;
    }
}
