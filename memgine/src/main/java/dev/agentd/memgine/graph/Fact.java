package dev.agentd.memgine.graph;

import java.util.List;

/**
 * A fact node with the fields of memory §2.1.
 *
 * <p>{@code depends_on} is not stored here: it is the list of the fact's outgoing DependsOn
 * edges, which the graph keeps, so a deleted dependency disappears from it by construction.
 * {@code superseded} is kept apart from {@code supersededBy} because a loaded fact may be marked
 * invalid without naming its successor, and deleting the successor does not revive it (§2.4).
 */
public record Fact(
        long seq,
        String id,
        String subject,
        String body,
        String kind,
        boolean isConstraint,
        double confidence,
        String confidenceLabel,
        String authority,
        List<String> tags,
        String tenantId,
        long createdAt,
        Long expiresAt,
        String supersedes,
        boolean superseded,
        String supersededBy,
        boolean needsReview) implements Node {
    public static final String DEFAULT_KIND = "pattern";
    public static final String CONSTRAINT_KIND = "constraint";
    public static final String DEFAULT_AUTHORITY = "peer";
    private static final String AUTHORITY_TAG = "authority:";

    public Fact {
        tags = List.copyOf(tags);
    }

    @Override
    public NodeType type() {
        return NodeType.FACT;
    }

    /** The value of the first {@code authority:<v>} tag, else {@code peer}. */
    public static String authorityOf(List<String> tags) {
        for (String tag : tags) {
            if (tag.startsWith(AUTHORITY_TAG)) {
                return tag.substring(AUTHORITY_TAG.length());
            }
        }
        return DEFAULT_AUTHORITY;
    }

    public Fact supersededBy(String newerId) {
        return new Fact(seq, id, subject, body, kind, isConstraint, confidence, confidenceLabel, authority, tags,
                tenantId, createdAt, expiresAt, supersedes, true, newerId, false);
    }

    public Fact withNeedsReview(boolean flag) {
        return new Fact(seq, id, subject, body, kind, isConstraint, confidence, confidenceLabel, authority, tags,
                tenantId, createdAt, expiresAt, supersedes, superseded, supersededBy, flag);
    }
}
