package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client algorithm of host §7 as {@code host watch} runs it, against a scripted daemon: the
 * snapshot, events in sequence, and on a gap a warning and a fresh snapshot. The script ends with
 * an interrupt, as Ctrl-C ends a real watch.
 */
class HostWatchTest {

    private static final class ScriptedFeed implements HostWatch.HostFeed {
        final Deque<JsonNode> subscribeResults = new ArrayDeque<>();
        final Deque<JsonNode> events = new ArrayDeque<>();
        int subscribes;

        @Override
        public JsonNode subscribe() {
            subscribes++;
            return subscribeResults.remove();
        }

        @Override
        public JsonNode nextEvent() throws InterruptedException {
            if (events.isEmpty()) {
                throw new InterruptedException("end of script");
            }
            return events.remove();
        }
    }

    private static final class RecordingView implements HostWatch.HostView {
        final List<String> shown = new ArrayList<>();

        @Override
        public void snapshot(JsonNode subscribeResult) {
            shown.add("snapshot @" + subscribeResult.get("event_sequence").asLong());
        }

        @Override
        public void event(JsonNode event) {
            shown.add("event #" + event.get("sequence").asLong());
        }

        @Override
        public void missed(long first, long last) {
            shown.add("missed " + first + ".." + last);
        }
    }

    private final ScriptedFeed feed = new ScriptedFeed();
    private final RecordingView view = new RecordingView();

    private void snapshot(long eventSequence) {
        feed.subscribeResults.add(TestJson.parse("{\"subscribed\":true,\"agents\":[],\"devices\":[],\"approvals\":[],"
                + "\"events\":[],\"event_sequence\":" + eventSequence + "}"));
    }

    private void events(long... sequences) {
        for (long sequence : sequences) {
            feed.events.add(TestJson.parse("{\"id\":\"event-" + sequence + "\",\"sequence\":" + sequence
                    + ",\"kind\":\"host.notification\",\"agent_id\":null,\"message\":null,\"payload\":{}}"));
        }
    }

    private void watchUntilTheScriptEnds() {
        assertThatThrownBy(() -> new HostWatch(feed, view).watch()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void snapshotThenEveryEventInSequence() {
        snapshot(3);
        events(4, 5, 6);

        watchUntilTheScriptEnds();

        assertThat(view.shown).containsExactly("snapshot @3", "event #4", "event #5", "event #6");
        assertThat(feed.subscribes).isEqualTo(1);
    }

    @Test
    void aGapIsReportedThenAFreshSnapshotBecomesTheBaseline() {
        snapshot(3);
        events(4, 7);           // 5 and 6 were dropped for this subscriber
        snapshot(9);            // the re-subscribe reflects everything up to 9
        events(8, 9, 10);       // 8 and 9: leftovers of the replaced subscription

        watchUntilTheScriptEnds();

        assertThat(view.shown).containsExactly("snapshot @3", "event #4", "missed 5..6", "snapshot @9", "event #10");
        assertThat(feed.subscribes).isEqualTo(2);
    }

    @Test
    void aSingleMissingEventIsAGapToo() {
        snapshot(0);
        events(2);
        snapshot(2);

        watchUntilTheScriptEnds();

        assertThat(view.shown).containsExactly("snapshot @0", "missed 1..1", "snapshot @2");
    }
}
