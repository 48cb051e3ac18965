package dev.agentd.memgine.store;

import java.util.function.ToIntFunction;

/**
 * Resolves the end ids of a file's edges to node indexes. Edges are listed in creation order, so
 * a fact's RelatedTo edges to up to 32 same-subject facts come in a row with the same
 * {@code from}: the last {@code from} answer is reused, and a string comparison is much cheaper
 * than a hash lookup that misses the cache.
 */
final class EdgeEnds {
    private final ToIntFunction<String> indexOf;
    private String lastFrom;
    private int lastFromIndex;

    /** @param indexOf the node index of an id, or -1 */
    EdgeEnds(ToIntFunction<String> indexOf) {
        this.indexOf = indexOf;
    }

    int from(String id) {
        if (!id.equals(lastFrom)) {
            lastFromIndex = indexOf.applyAsInt(id);
            lastFrom = id;
        }
        return lastFromIndex;
    }

    int to(String id) {
        return indexOf.applyAsInt(id);
    }
}
