package dev.agentd.memgine.graph;

/** An environment entry {@code env:<key>}: subject = key, body = value. */
public record EnvironmentEntry(long seq, String key, String value, long updatedAt, Long expiresAt)
        implements Node {
    public static final String ID_PREFIX = "env:";

    @Override
    public String id() {
        return ID_PREFIX + key;
    }

    @Override
    public String subject() {
        return key;
    }

    @Override
    public String body() {
        return value;
    }

    @Override
    public NodeType type() {
        return NodeType.ENVIRONMENT;
    }
}
