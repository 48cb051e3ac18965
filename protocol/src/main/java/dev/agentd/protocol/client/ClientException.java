package dev.agentd.protocol.client;

/**
 * A failure of the client side of a connection, as opposed to an error the daemon answered with
 * (those are {@link dev.agentd.protocol.RpcException}). Each subclass is one row of the CLI's
 * exit-code table.
 */
public abstract class ClientException extends RuntimeException {
    protected ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** TCP connect refused, unreachable or not completed in time: nobody is listening. */
    public static final class DaemonUnreachable extends ClientException {
        public DaemonUnreachable(String url, Throwable cause) {
            super("no daemon at " + url, cause);
        }
    }

    /** The server answered the upgrade with a status other than 101. */
    public static final class UpgradeRejected extends ClientException {
        private final int status;

        public UpgradeRejected(String url, int status) {
            super(url + " is not an agentd WebSocket endpoint (HTTP " + status + ")", null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** No reply within the client timeout; {@code step} is {@code upgrade} or a method name. */
    public static final class Timeout extends ClientException {
        private final String step;
        private final String seconds;

        public Timeout(String step, String seconds) {
            super("timed out after " + seconds + "s waiting for " + step, null);
            this.step = step;
            this.seconds = seconds;
        }

        public String step() {
            return step;
        }

        public String seconds() {
            return seconds;
        }
    }

    /** The connection closed (or broke) before the awaited reply arrived. */
    public static final class ConnectionClosed extends ClientException {
        private final int closeCode;
        private final String reason;

        public ConnectionClosed(int closeCode, String reason) {
            super("connection closed before a reply (" + closeCode + " " + reason + ")", null);
            this.closeCode = closeCode;
            this.reason = reason;
        }

        public int closeCode() {
            return closeCode;
        }

        public String reason() {
            return reason;
        }
    }

    /** The daemon answered the handshake with another protocol version. */
    public static final class ProtocolMismatch extends ClientException {
        private final String daemonVersion;

        public ProtocolMismatch(String url, String daemonVersion) {
            super("protocol version mismatch: daemon at " + url + " speaks " + daemonVersion
                    + ", this client speaks " + dev.agentd.protocol.Protocol.VERSION, null);
            this.daemonVersion = daemonVersion;
        }

        public String daemonVersion() {
            return daemonVersion;
        }
    }

    /** The peer does not implement {@code server.handshake} at all. */
    public static final class NotAgentdProtocol extends ClientException {
        public NotAgentdProtocol(String url) {
            super("the daemon at " + url + " does not speak agentd protocol " + dev.agentd.protocol.Protocol.VERSION, null);
        }
    }
}
