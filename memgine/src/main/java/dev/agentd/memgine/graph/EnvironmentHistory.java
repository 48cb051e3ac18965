package dev.agentd.memgine.graph;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The values {@code set_environment} replaced: a visible entry overwritten with a different value.
 * They are dead text for {@code build_context} (see docs/memory.md, "Dead text"). Distinct
 * {@code (key, value)} pairs, oldest first; a value replaced again moves to the end, and only the
 * newest {@value #LIMIT} are kept so a key rewritten on every turn (a clock) stays bounded.
 */
public final class EnvironmentHistory {
    public static final int LIMIT = 64;

    /** One replaced value of {@code key}. */
    public record Replaced(String key, String value) {}

    private final LinkedHashSet<Replaced> values = new LinkedHashSet<>();

    void add(Replaced replaced) {
        values.remove(replaced);
        values.add(replaced);
        if (values.size() > LIMIT) {
            values.remove(values.iterator().next());
        }
    }

    List<Replaced> values() {
        return List.copyOf(values);
    }
}
