package dev.agentd.memgine.graph;

/** The identity node: at most one per graph, id and subject {@code identity}. */
public record Identity(long seq, String body) implements Node {
    public static final String ID = "identity";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String subject() {
        return ID;
    }

    @Override
    public NodeType type() {
        return NodeType.IDENTITY;
    }
}
