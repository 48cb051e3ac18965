package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.cli.HostEventSequence.Arrival;
import org.junit.jupiter.api.Test;

/** Gap detection of host §7: next, stale and missing sequence numbers. */
class HostEventSequenceTest {
    private final HostEventSequence sequence = new HostEventSequence();

    @Test
    void consecutiveEventsAfterTheSnapshotAreNext() {
        sequence.reset(17);

        assertThat(sequence.accept(18)).isEqualTo(Arrival.NEXT);
        assertThat(sequence.accept(19)).isEqualTo(Arrival.NEXT);
        assertThat(sequence.last()).isEqualTo(19);
    }

    @Test
    void theFirstEventOfAFreshDaemonIsNext() {
        sequence.reset(0);

        assertThat(sequence.accept(1)).isEqualTo(Arrival.NEXT);
    }

    @Test
    void aJumpIsAGapAndDoesNotAdvance() {
        sequence.reset(5);

        assertThat(sequence.accept(8)).isEqualTo(Arrival.GAP);
        assertThat(sequence.last()).isEqualTo(5);
    }

    @Test
    void eventsAtOrBelowTheLastAreStale() {
        sequence.reset(10);

        assertThat(sequence.accept(10)).isEqualTo(Arrival.STALE);
        assertThat(sequence.accept(3)).isEqualTo(Arrival.STALE);
        assertThat(sequence.last()).isEqualTo(10);
    }

    @Test
    void aResetMakesTheNewSnapshotTheBaseline() {
        sequence.reset(5);
        assertThat(sequence.accept(9)).isEqualTo(Arrival.GAP);

        sequence.reset(12);

        assertThat(sequence.accept(9)).as("leftover of the replaced subscription").isEqualTo(Arrival.STALE);
        assertThat(sequence.accept(13)).isEqualTo(Arrival.NEXT);
    }
}
