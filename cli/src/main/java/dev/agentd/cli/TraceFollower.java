package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow algorithm of {@code runs trace --follow} (cli §6.10, runs §3.4). It subscribes,
 * shows the snapshot's turns, and then each {@code runs.trace.event} until the run's
 * {@code ended} record, which it shows before unsubscribing. A run already over when subscribed
 * ends with the {@code ended} record of {@code runs.get_trace}.
 *
 * <p>Two counters keep every turn shown exactly once: {@code cursor}, the turn count the last
 * snapshot or event reported, and {@code nextIndex}, the first turn index not shown yet. An event
 * whose cursor is not {@code cursor + 1} means the daemon dropped events for this subscriber (its
 * queue was full): the follower subscribes again and shows only the snapshot's turns from
 * {@code nextIndex} on. Events at or below {@code cursor} are leftovers of a replaced
 * subscription and are skipped.
 */
final class TraceFollower {
    static final String IN_PROGRESS = "in_progress";

    /** The follow loop's connection. */
    interface TraceFeed {
        /** {@code runs.subscribe {run_id}}: the result. */
        JsonNode subscribe(String runId);

        /** {@code runs.get_trace {run_id, cursor}}: the result. */
        JsonNode getTrace(String runId, long cursor);

        /** {@code runs.unsubscribe {run_id}}. */
        void unsubscribe(String runId);

        /** The next {@code runs.trace.event} params. */
        JsonNode nextEvent() throws InterruptedException;
    }

    /** What the follower shows; the human and {@code --json} forms differ. */
    interface TraceView {
        /** A subscribe result and, of its turns, those not shown yet. */
        void subscribed(JsonNode result, List<JsonNode> newTurns);

        /** An event that advances the run: a new turn, or its {@code ended} record. */
        void event(JsonNode params);

        /** The trace pages fetched for a run that was already over, and its {@code ended} record (null if none). */
        void finished(List<JsonNode> tracePages, JsonNode ended);
    }

    private final String runId;
    private final TraceFeed feed;
    private final TraceView view;
    private long cursor;
    private long nextIndex;

    TraceFollower(String runId, TraceFeed feed, TraceView view) {
        this.runId = runId;
        this.feed = feed;
        this.view = view;
    }

    /** Runs until the run has ended and that has been shown. */
    void follow() throws InterruptedException {
        if (subscribe()) {
            return;
        }
        while (true) {
            JsonNode params = feed.nextEvent();
            if (runId.equals(params.path("run_id").asText()) && apply(params)) {
                return;
            }
        }
    }

    /** Shows what {@code params} adds; true once the run has ended. */
    private boolean apply(JsonNode params) {
        JsonNode record = params.path("record");
        long eventCursor = params.path("cursor").asLong();
        switch (record.path("record").asText()) {
            case "turn" -> {
                if (eventCursor <= cursor) {
                    return false;
                }
                if (eventCursor != cursor + 1) {
                    return subscribe();
                }
                cursor = eventCursor;
                long index = record.path("index").asLong();
                if (index >= nextIndex) {
                    nextIndex = index + 1;
                    view.event(params);
                }
                return false;
            }
            case "ended" -> {
                if (eventCursor > cursor) {
                    // turns before the end were dropped: the snapshot of the ended run has them all
                    return subscribe();
                }
                view.event(params);
                feed.unsubscribe(runId);
                return true;
            }
            default -> {
                return false; // "started" only reaches subscribers of a run that does not exist yet
            }
        }
    }

    /** (Re-)subscribes and shows the unseen turns; true when the run was already over. */
    private boolean subscribe() {
        JsonNode result = feed.subscribe(runId);
        List<JsonNode> newTurns = new ArrayList<>();
        for (JsonNode turn : result.path("turns_so_far")) {
            long index = turn.path("index").asLong();
            if (index >= nextIndex) {
                newTurns.add(turn);
                nextIndex = index + 1;
            }
        }
        cursor = result.path("cursor").asLong();
        view.subscribed(result, newTurns);
        if (IN_PROGRESS.equals(result.path("status").asText())) {
            return false;
        }
        showEnding();
        return true;
    }

    /** Reads the trace of a run that is over (every page of it) and shows its {@code ended} record. */
    private void showEnding() {
        List<JsonNode> pages = new ArrayList<>();
        JsonNode ended = null;
        long traceCursor = 0;
        while (true) {
            JsonNode page = feed.getTrace(runId, traceCursor);
            pages.add(page);
            for (JsonNode record : page.path("records")) {
                if ("ended".equals(record.path("record").asText())) {
                    ended = record;
                }
            }
            if (!page.path("more").asBoolean(false) || !page.hasNonNull("next_cursor")) {
                break;
            }
            traceCursor = page.get("next_cursor").asLong();
        }
        view.finished(pages, ended);
    }
}
