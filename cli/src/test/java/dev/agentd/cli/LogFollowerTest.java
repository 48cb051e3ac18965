package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The follow algorithm of cli §6.7 against logs held in memory. */
class LogFollowerTest {
    private InMemoryLogs logs;

    @BeforeEach
    void writeSomeHistory() {
        logs = new InMemoryLogs();
        logs.append("stdout", "old-1\nold-2\n");
        logs.append("stderr", "warn-1\n");
    }

    private LogFollower followFromHere() {
        JsonNode first = logs.call(Json.mapper().createObjectNode().put("id", "a").put("n", 2));
        logs.calls().clear();
        return new LogFollower("a", logs, first);
    }

    private static List<String> printed(LogFollower.Poll poll) {
        List<String> lines = new ArrayList<>();
        poll.updates().forEach(update -> lines.addAll(update.lines()));
        return lines;
    }

    @Test
    void withoutGrowthAPollIsOneSmallProbe() {
        LogFollower follower = followFromHere();

        LogFollower.Poll poll = follower.poll();

        assertThat(poll.updates()).isEmpty();
        assertThat(poll.hasNewLines()).isFalse();
        assertThat(logs.calls()).hasSize(1);
        assertThatJson(logs.calls().get(0)).isEqualTo("{\"id\":\"a\",\"n\":1}");
    }

    @Test
    void printsOnlyTheLinesWrittenSinceTheLastPoll() {
        LogFollower follower = followFromHere();
        logs.append("stdout", "new-1\nnew-2\n");

        LogFollower.Poll first = follower.poll();
        logs.append("stdout", "new-3\n");
        LogFollower.Poll second = follower.poll();
        LogFollower.Poll third = follower.poll();

        assertThat(printed(first)).containsExactly("new-1", "new-2");
        assertThat(first.updates()).singleElement().satisfies(update -> {
            assertThat(update.stream()).isEqualTo("stdout");
            assertThat(update.startedOver()).isFalse();
            assertThat(update.linesLost()).isFalse();
        });
        assertThat(printed(second)).containsExactly("new-3");
        assertThat(third.updates()).isEmpty();
        assertThatJson(logs.calls().get(1)).isEqualTo("{\"id\":\"a\",\"n\":100,\"stream\":\"stdout\"}");
    }

    @Test
    void bothStreamsAreFollowedStdoutFirst() {
        LogFollower follower = followFromHere();
        logs.append("stderr", "warn-2\n");
        logs.append("stdout", "new-1\n");

        LogFollower.Poll poll = follower.poll();

        assertThat(poll.updates()).extracting(LogFollower.Update::stream).containsExactly("stdout", "stderr");
        assertThat(printed(poll)).containsExactly("new-1", "warn-2");
    }

    @Test
    void growthBeyondOneHundredLinesDoublesTheWindowUntilItReachesBack() {
        LogFollower follower = followFromHere();
        List<String> burst = IntStream.rangeClosed(1, 250).mapToObj(i -> "burst-" + i).toList();
        logs.append("stdout", String.join("\n", burst) + "\n");

        LogFollower.Poll poll = follower.poll();

        assertThat(printed(poll)).isEqualTo(burst);
        assertThat(logs.windowsFetched("stdout")).containsExactly(100, 200, 400);
    }

    @Test
    void aPartialLineIsPrintedWhenItAppears() {
        LogFollower follower = followFromHere();
        logs.append("stdout", "no newline yet");

        assertThat(printed(follower.poll())).containsExactly("no newline yet");
        assertThat(follower.poll().updates()).isEmpty();
    }

    @Test
    void aShrunkFileStartsOverFromItsBeginning() {
        LogFollower follower = followFromHere();
        logs.replace("stdout", "fresh\n"); // shorter than the 12 bytes seen: a replacement can only be told by its size

        LogFollower.Poll poll = follower.poll();

        assertThat(poll.updates()).singleElement().satisfies(update -> {
            assertThat(update.startedOver()).isTrue();
            assertThat(update.lines()).containsExactly("fresh");
        });
        logs.append("stdout", "fresh-2\n");
        assertThat(printed(follower.poll())).containsExactly("fresh-2");
    }

    @Test
    void aTruncatedEmptyFileStartsOverWithNothingToPrint() {
        LogFollower follower = followFromHere();
        logs.replace("stderr", "");

        LogFollower.Poll poll = follower.poll();

        assertThat(poll.updates()).singleElement().satisfies(update -> {
            assertThat(update.startedOver()).isTrue();
            assertThat(update.lines()).isEmpty();
        });
        assertThat(poll.hasNewLines()).isFalse();
    }

    @Test
    void growthBeyondTheWidestWindowPrintsTheNewestLinesAndReportsTheLoss() {
        LogFollower follower = followFromHere();
        int written = LogFollower.MAX_WINDOW + 5;
        StringBuilder burst = new StringBuilder();
        for (int i = 1; i <= written; i++) {
            burst.append(i).append('\n');
        }
        logs.append("stdout", burst.toString());

        LogFollower.Update update = follower.poll().updates().get(0);

        assertThat(update.lines()).hasSize(LogFollower.MAX_WINDOW).startsWith("6").endsWith(Integer.toString(written));
        assertThat(update.linesLost()).isTrue();
        assertThat(logs.windowsFetched("stdout"))
                .containsExactly(100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 100000);
        assertThat(follower.poll().updates()).isEmpty();
    }

    /** {@code --follow --json}: one tail_log-shaped object per poll, holding only the new lines. */
    @Test
    void jsonPollResultHoldsOnlyTheNewLines() {
        LogFollower follower = followFromHere();
        logs.append("stdout", "new-1\n");
        logs.append("stderr", "warn-2\nwarn-3\n");

        JsonNode result = AgentsLogsCommand.pollResult(follower.poll());

        assertThat(result.fieldNames()).toIterable().containsExactly("lines", "stdout", "stderr", "stdout_total",
                "stderr_total", "stdout_bytes", "stderr_bytes", "stdout_path", "stderr_path", "more");
        assertThatJson(result).isEqualTo("""
                {"lines":["new-1","warn-2","warn-3"],"stdout":["new-1"],"stderr":["warn-2","warn-3"],
                 "stdout_total":1,"stderr_total":2,"stdout_bytes":18,"stderr_bytes":21,
                 "stdout_path":"/root/logs/a.stdout.log","stderr_path":"/root/logs/a.stderr.log","more":false}""");
    }
}
