package dev.agentd.bench.statebench;

import java.util.List;

/** An event of a StateBench timeline, in file order (memory §11.1 step 3). */
public sealed interface TimelineEvent {

    /** {@code conversation_turn}. */
    record Turn(String speaker, String text, String ts) implements TimelineEvent {}

    /** {@code state_write} or {@code supersession}: the writes, all stamped with the event's {@code ts}. */
    record Writes(List<Timeline.StateWrite> writes, String ts) implements TimelineEvent {
        public Writes {
            writes = List.copyOf(writes);
        }
    }

    /** {@code query}: the prompt and the strings its context must and must not contain. */
    record Query(String prompt, List<Mention> mustMention, List<Mention> mustNotMention) implements TimelineEvent {
        public Query {
            mustMention = List.copyOf(mustMention);
            mustNotMention = List.copyOf(mustNotMention);
        }
    }
}
