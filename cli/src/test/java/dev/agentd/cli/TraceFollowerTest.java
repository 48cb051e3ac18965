package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The follow algorithm of cli §6.10: snapshot turns, live events, the end, and the re-subscribe
 * after a cursor jump that shows every turn exactly once. The daemon side is scripted: subscribe
 * results, events and trace pages in the order a test gives them.
 */
class TraceFollowerTest {
    private static final String RUN = "run-1";

    /** The daemon as the follower sees it, answering from a script and recording the calls. */
    private static final class ScriptedFeed implements TraceFollower.TraceFeed {
        final Deque<JsonNode> subscribeResults = new ArrayDeque<>();
        final Deque<JsonNode> events = new ArrayDeque<>();
        final Deque<JsonNode> tracePages = new ArrayDeque<>();
        final List<Long> traceCursors = new ArrayList<>();
        final List<String> unsubscribed = new ArrayList<>();
        int subscribes;

        @Override
        public JsonNode subscribe(String runId) {
            assertThat(runId).isEqualTo(RUN);
            subscribes++;
            return subscribeResults.remove();
        }

        @Override
        public JsonNode getTrace(String runId, long cursor) {
            traceCursors.add(cursor);
            return tracePages.remove();
        }

        @Override
        public void unsubscribe(String runId) {
            unsubscribed.add(runId);
        }

        @Override
        public JsonNode nextEvent() {
            if (events.isEmpty()) {
                throw new AssertionError("the follower waited for an event after the script ended");
            }
            return events.remove();
        }
    }

    /** Every record shown, as {@code turn N} or {@code ended <status>}. */
    private static final class RecordingView implements TraceFollower.TraceView {
        final List<String> shown = new ArrayList<>();

        @Override
        public void subscribed(JsonNode result, List<JsonNode> newTurns) {
            newTurns.forEach(this::show);
        }

        @Override
        public void event(JsonNode params) {
            show(params.get("record"));
        }

        @Override
        public void finished(List<JsonNode> tracePages, JsonNode ended) {
            show(ended);
        }

        private void show(JsonNode record) {
            String kind = record.get("record").asText();
            shown.add(kind.equals("turn") ? "turn " + record.get("index").asInt() : kind + " " + record.get("status").asText());
        }
    }

    private final ScriptedFeed feed = new ScriptedFeed();
    private final RecordingView view = new RecordingView();

    private static String turn(int index) {
        return "{\"record\":\"turn\",\"index\":" + index + ",\"verifier_verdict\":\"not_run\"}";
    }

    private static String turns(int from, int to) {
        List<String> turns = new ArrayList<>();
        for (int index = from; index < to; index++) {
            turns.add(turn(index));
        }
        return "[" + String.join(",", turns) + "]";
    }

    private void snapshot(int turnCount, String status) {
        feed.subscribeResults.add(TestJson.parse("{\"run_id\":\"" + RUN + "\",\"agent_id\":\"a\",\"turns_so_far\":"
                + turns(0, turnCount) + ",\"cursor\":" + turnCount + ",\"status\":\"" + status + "\"}"));
    }

    private void turnEvent(String runId, int index, int cursor) {
        feed.events.add(TestJson.parse("{\"run_id\":\"" + runId + "\",\"agent_id\":\"a\",\"record\":" + turn(index)
                + ",\"cursor\":" + cursor + ",\"status\":\"in_progress\"}"));
    }

    private void endedEvent(int cursor) {
        feed.events.add(TestJson.parse("{\"run_id\":\"" + RUN + "\",\"agent_id\":\"a\",\"record\":"
                + ended(cursor) + ",\"cursor\":" + cursor + ",\"status\":\"completed\"}"));
    }

    private static String ended(int turnCount) {
        return "{\"record\":\"ended\",\"status\":\"completed\",\"outcome\":{\"status\":\"success\"},\"turn_count\":"
                + turnCount + "}";
    }

    private void tracePage(String records, String more) {
        feed.tracePages.add(TestJson.parse("{\"run_id\":\"" + RUN + "\",\"agent_id\":\"a\",\"records\":" + records
                + ",\"cursor\":0" + more + "}"));
    }

    private void follow() throws InterruptedException {
        new TraceFollower(RUN, feed, view).follow();
    }

    @Test
    void snapshotTurnsThenLiveTurnsThenTheEndAndUnsubscribe() throws InterruptedException {
        snapshot(2, "in_progress");
        turnEvent(RUN, 2, 3);
        turnEvent(RUN, 3, 4);
        endedEvent(4);

        follow();

        assertThat(view.shown).containsExactly("turn 0", "turn 1", "turn 2", "turn 3", "ended completed");
        assertThat(feed.unsubscribed).containsExactly(RUN);
        assertThat(feed.traceCursors).as("no get_trace for a live run").isEmpty();
        assertThat(feed.subscribes).isEqualTo(1);
    }

    @Test
    void aFinishedRunShowsItsTurnsAndTheEndedRecordOfTheTrace() throws InterruptedException {
        snapshot(2, "completed");
        tracePage("[{\"record\":\"started\"}," + turn(0) + "," + turn(1) + "," + ended(2) + "]", "");

        follow();

        assertThat(view.shown).containsExactly("turn 0", "turn 1", "ended completed");
        assertThat(feed.traceCursors).containsExactly(0L);
        assertThat(feed.unsubscribed).isEmpty();
    }

    @Test
    void aLongTraceIsReadPageByPageToItsEnd() throws InterruptedException {
        snapshot(2, "incomplete");
        tracePage("[{\"record\":\"started\"}," + turn(0) + "]", ",\"more\":true,\"next_cursor\":2");
        tracePage("[" + turn(1) + ",{\"record\":\"ended\",\"status\":\"incomplete\"}]", "");

        follow();

        assertThat(feed.traceCursors).containsExactly(0L, 2L);
        assertThat(view.shown).containsExactly("turn 0", "turn 1", "ended incomplete");
    }

    @Test
    void aCursorJumpResubscribesAndShowsOnlyTurnsNotShownYet() throws InterruptedException {
        snapshot(1, "in_progress");
        turnEvent(RUN, 1, 2);
        turnEvent(RUN, 4, 5);          // turns 2 and 3 were dropped by the daemon
        snapshot(5, "in_progress");    // the re-subscribe's snapshot holds turns 0..4
        turnEvent(RUN, 2, 3);          // a leftover of the replaced subscription
        turnEvent(RUN, 5, 6);
        endedEvent(6);

        follow();

        assertThat(feed.subscribes).isEqualTo(2);
        assertThat(view.shown).containsExactly("turn 0", "turn 1", "turn 2", "turn 3", "turn 4", "turn 5",
                "ended completed");
    }

    @Test
    void turnsDroppedBeforeTheEndAreFetchedFromTheEndedRunsSnapshot() throws InterruptedException {
        snapshot(1, "in_progress");
        endedEvent(3);                 // turns 1 and 2 never arrived
        snapshot(3, "completed");
        tracePage("[{\"record\":\"started\"}," + turn(0) + "," + turn(1) + "," + turn(2) + "," + ended(3) + "]", "");

        follow();

        assertThat(view.shown).containsExactly("turn 0", "turn 1", "turn 2", "ended completed");
        assertThat(feed.subscribes).isEqualTo(2);
    }

    @Test
    void eventsOfOtherRunsAndStartedRecordsAreIgnored() throws InterruptedException {
        snapshot(0, "in_progress");
        turnEvent("other-run", 0, 1);
        feed.events.add(TestJson.parse("{\"run_id\":\"" + RUN + "\",\"record\":{\"record\":\"started\"},\"cursor\":0}"));
        turnEvent(RUN, 0, 1);
        endedEvent(1);

        follow();

        assertThat(view.shown).containsExactly("turn 0", "ended completed");
    }
}
