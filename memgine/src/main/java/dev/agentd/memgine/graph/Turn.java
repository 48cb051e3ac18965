package dev.agentd.memgine.graph;

/** A conversation turn {@code turn:<n>}: subject = speaker, body = {@code <speaker>: <text>}. */
public record Turn(long seq, String id, String speaker, String text, long ts) implements Node {
    public static final String ID_PREFIX = "turn:";

    @Override
    public String subject() {
        return speaker;
    }

    @Override
    public String body() {
        return speaker + ": " + text;
    }

    @Override
    public NodeType type() {
        return NodeType.TURN;
    }

    public Turn withText(String newText) {
        return new Turn(seq, id, speaker, newText, ts);
    }

    /** The {@code n} of {@code turn:<n>}. */
    public static long number(String id) {
        return Long.parseLong(id.substring(ID_PREFIX.length()));
    }
}
