package dev.agentd.protocol.client;

/**
 * What a client presents in {@code session.auth}. The CLI never presents an agent token (cli
 * §2.2); agent processes do, through {@link #agent}.
 *
 * @param source where the value came from (an env variable name or a file path), for messages
 */
public record Credential(Kind kind, String value, String agentId, String source) {
    public enum Kind { DAEMON_TOKEN, HOST_TOKEN, AGENT_TOKEN }

    public Credential {
        if (kind == null || value == null) {
            throw new IllegalArgumentException("kind and value are required");
        }
        if ((kind == Kind.AGENT_TOKEN) != (agentId != null)) {
            throw new IllegalArgumentException("agentId goes with AGENT_TOKEN only");
        }
    }

    public static Credential daemonToken(String value, String source) {
        return new Credential(Kind.DAEMON_TOKEN, value, null, source);
    }

    public static Credential hostToken(String value, String source) {
        return new Credential(Kind.HOST_TOKEN, value, null, source);
    }

    public static Credential agent(String agentId, String agentToken) {
        return new Credential(Kind.AGENT_TOKEN, agentToken, agentId, "AGENTD_AGENT_TOKEN");
    }

    @Override
    public String toString() {
        return "Credential[" + kind + " from " + source + "]"; // never the value
    }
}
