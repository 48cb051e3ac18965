package dev.agentd.memgine.graph;

import java.util.List;

/**
 * One resolved graph write: the content of one journal record (memory §9.2). Every value that
 * was decided when the write was accepted — minted ids, timestamps, the clock reading {@code at}
 * — is in the record, so applying it again during recovery re-decides nothing.
 */
public sealed interface Mutation {
    /** The graph clock when the write was accepted; expiry is evaluated at this instant. */
    long at();

    /** {@code add_fact}, also used by {@code save_knowledge} and {@code save_procedural}. */
    record AddFact(
            long at,
            String requestedId,
            String id,
            String subject,
            String body,
            String kind,
            boolean isConstraint,
            double confidence,
            String confidenceLabel,
            List<String> tags,
            String tenantId,
            Long expiresAt,
            List<String> dependsOn,
            String supersedes) implements Mutation {
        public AddFact {
            tags = List.copyOf(tags);
            dependsOn = List.copyOf(dependsOn);
        }
    }

    /** {@code delete} of a fact by id. */
    record DeleteFact(long at, String id) implements Mutation {}

    /** {@code set_identity}; an empty body removes the identity node. */
    record SetIdentity(long at, String body) implements Mutation {}

    record AddTurn(long at, String id, String speaker, String text, long ts) implements Mutation {}

    record SetEnvironment(long at, String key, String value, Long expiresAt) implements Mutation {}

    /** The explicit effects of one {@code consolidate}: ids deleted in order, then turn texts rewritten. */
    record Consolidate(long at, List<String> deleted, List<TurnRewrite> rewrites) implements Mutation {
        public Consolidate {
            deleted = List.copyOf(deleted);
            rewrites = List.copyOf(rewrites);
        }
    }

    record TurnRewrite(String id, String text) {}
}
