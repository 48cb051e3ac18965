package dev.agentd.bench.statebench;

import java.util.List;

/**
 * One StateBench timeline (memory §11): its initial state and its events in file order.
 *
 * @param identity the identity text of §11.1 step 1, already rendered
 * @param initialFacts {@code initial_state.persistent_facts}, each a write to the persistent layer
 * @param initialWorkingSet {@code initial_state.working_set} item contents
 * @param initialEnvironment {@code initial_state.environment} in file order
 */
public record Timeline(
        String id,
        String track,
        String identity,
        List<StateWrite> initialFacts,
        List<WorkingItem> initialWorkingSet,
        List<EnvironmentValue> initialEnvironment,
        List<TimelineEvent> events) {

    public Timeline {
        initialFacts = List.copyOf(initialFacts);
        initialWorkingSet = List.copyOf(initialWorkingSet);
        initialEnvironment = List.copyOf(initialEnvironment);
        events = List.copyOf(events);
    }

    /** An initial working-set item: replayed as a {@code context} turn. */
    public record WorkingItem(String content, String ts) {}

    /** An initial environment entry. */
    public record EnvironmentValue(String key, String value) {}

    /** The memory layers a write can target. */
    public enum Layer { PERSISTENT_FACTS, WORKING_SET, ENVIRONMENT }

    /**
     * One write of a {@code state_write} / {@code supersession} event, or an initial persistent
     * fact. {@code id} repeats ({@code W-AUTO}); {@code supersedes} names a StateBench id or a key.
     */
    public record StateWrite(String id, Layer layer, String key, String value, String authority, String supersedes,
            List<String> dependsOn, boolean isConstraint) {
        public static final String AUTO_ID = "W-AUTO";

        public StateWrite {
            dependsOn = List.copyOf(dependsOn);
        }

        /** Whether the write has an id of its own, so later writes may refer to it by that id. */
        public boolean hasOwnId() {
            return !AUTO_ID.equals(id);
        }
    }
}
