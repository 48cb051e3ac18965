package dev.agentd.daemon.session;

/**
 * The two tokens of one daemon start (core §12), held in memory only; never re-read from disk and
 * never logged. Null under {@code --no-auth}.
 */
public record DaemonCredentials(String daemonToken, String hostToken) {
    public DaemonCredentials {
        if (daemonToken.equals(hostToken)) {
            throw new IllegalArgumentException("daemon and host tokens must differ");
        }
    }

    public static DaemonCredentials generate() {
        while (true) {
            String daemon = Tokens.newToken();
            String host = Tokens.newToken();
            if (!daemon.equals(host)) {
                return new DaemonCredentials(daemon, host);
            }
        }
    }

    @Override
    public String toString() {
        return "DaemonCredentials[***]";
    }
}
