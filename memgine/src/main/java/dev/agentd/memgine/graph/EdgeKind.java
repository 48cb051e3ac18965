package dev.agentd.memgine.graph;

/**
 * Edge kinds of memory §2.4 with their walk weight {@code c = weight × multiplier} and whether
 * the walk follows them backwards too.
 */
public enum EdgeKind {
    RELATED_TO("R", 0.5 * 0.6, true),
    DEPENDS_ON("D", 1.0 * 0.8, true),
    SUPERSEDES("S", 1.0 * 0.3, false),
    TEMPORAL_NEXT("T", 1.0 * 0.5, false);

    private final String code;
    private final double walkWeight;
    private final boolean bothWays;

    EdgeKind(String code, double walkWeight, boolean bothWays) {
        this.code = code;
        this.walkWeight = walkWeight;
        this.bothWays = bothWays;
    }

    /** The one-letter code used in export and snapshot files. */
    public String code() {
        return code;
    }

    public double walkWeight() {
        return walkWeight;
    }

    public boolean bothWays() {
        return bothWays;
    }

    /** The kind with the one-letter file code {@code code}, or null. */
    public static EdgeKind ofCode(char code) {
        for (EdgeKind kind : values()) {
            if (kind.code.charAt(0) == code) {
                return kind;
            }
        }
        return null;
    }
}
