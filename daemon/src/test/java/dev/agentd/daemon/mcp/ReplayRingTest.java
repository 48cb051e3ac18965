package dev.agentd.daemon.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** mcp §8.2, check 15: FIFO eviction, {@code oldestId}, and primer markers that take ids but are never replayed. */
class ReplayRingTest {
    private static byte[] payload(long id) {
        return ("{\"n\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ringOfFourRetainsTheLatestFour() {
        ReplayRing ring = new ReplayRing(4);
        for (long id = 1; id <= 6; id++) {
            ring.append(id, payload(id));
        }
        ReplayRing.Snapshot snapshot = ring.snapshot();
        assertThat(snapshot.entries()).extracting(ReplayRing.Entry::id).containsExactly(3L, 4L, 5L, 6L);
        assertThat(snapshot.oldestId()).isEqualTo(3);
        assertThat(ring.oldestId()).isEqualTo(3);
        assertThat(snapshot.entries().get(0).payload()).isEqualTo(payload(3));
    }

    @Test
    void emptyRingHasNoOldestId() {
        assertThat(new ReplayRing(4).snapshot().isEmpty()).isTrue();
        assertThat(new ReplayRing(4).oldestId()).isZero();
    }

    @Test
    void markersTakeARingSlot() {
        ReplayRing ring = new ReplayRing(4);
        ring.append(1, payload(1));
        ring.appendMarker(2);
        ring.append(3, payload(3));
        ring.append(4, payload(4));
        ring.append(5, payload(5));
        assertThat(ring.snapshot().entries()).extracting(ReplayRing.Entry::id).containsExactly(2L, 3L, 4L, 5L);
        assertThat(ring.snapshot().entries().get(0).marker()).isTrue();
        assertThat(ring.oldestId()).as("the marker keeps the sequence hole-free").isEqualTo(2);
    }

    @Test
    void primerTakesAnIdAndIsSkippedOnReplay() {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            SessionEvents events = new SessionEvents(16, true);
            events.publish(payload(1));
            events.publish(payload(2));
            RecordingSink first = new RecordingSink();
            events.open(new EventStream(events, loop, first, Duration.ofHours(1), () -> {}), null);
            await().atMost(Duration.ofSeconds(5)).until(() -> first.ids().size() == 3);
            assertThat(first.ids()).containsExactly(1L, 2L, 3L);
            assertThat(events.publish(payload(4))).as("the primer used id 3").isEqualTo(4);

            RecordingSink second = new RecordingSink();
            events.open(new EventStream(events, loop, second, Duration.ofHours(1), () -> {}), "0");
            await().atMost(Duration.ofSeconds(5)).until(() -> second.ids().size() == 4);
            assertThat(second.eventIds()).as("marker 3 is not replayed").containsExactly(1L, 2L, 4L);
            assertThat(second.writes().get(4).kind()).isEqualTo(RecordingSink.Kind.PRIMER);
            assertThat(second.writes().get(4).id()).isEqualTo(5);
        } finally {
            loop.shutdownNow();
        }
    }
}
