package dev.agentd.daemon.mcp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.memory.GraphKey;
import dev.agentd.memgine.MemoryChange;
import dev.agentd.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GET algorithm of mcp §8.4 on a fake stream: replay and primer gating (check 16),
 * {@code Last-Event-ID} parsing (17), the concurrency property (18), the gap signal, dedupe,
 * replacement and backpressure catch-up, and the level filter before publish (19).
 */
class EventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<ScheduledExecutorService> loops = new ArrayList<>();

    @AfterEach
    void stopLoops() {
        loops.forEach(ScheduledExecutorService::shutdownNow);
    }

    private ScheduledExecutorService loop() {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        loops.add(loop);
        return loop;
    }

    private static byte[] payload(int n) {
        return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    private RecordingSink open(SessionEvents events, String lastEventId) {
        RecordingSink sink = new RecordingSink();
        events.open(new EventStream(events, loop(), sink, Duration.ofHours(1), () -> {}), lastEventId);
        return sink;
    }

    private static void publish(SessionEvents events, int count) {
        for (int n = 1; n <= count; n++) {
            events.publish(payload(n));
        }
    }

    // ---- check 16 ------------------------------------------------------------------------------

    @Test
    void getWithoutLastEventIdReplaysEverythingThenPrimesOnLatest() {
        SessionEvents events = new SessionEvents(256, McpProtocolVersion.V2025_11_25.primesStreams());
        publish(events, 3);
        assertThat(events.deliveredUpTo()).isZero();
        RecordingSink sink = open(events, null);
        await().atMost(WAIT).until(() -> sink.ids().size() == 4);
        assertThat(sink.writes()).extracting(RecordingSink.Write::kind).containsExactly(RecordingSink.Kind.OPEN,
                RecordingSink.Kind.EVENT, RecordingSink.Kind.EVENT, RecordingSink.Kind.EVENT, RecordingSink.Kind.PRIMER);
        assertThat(sink.ids()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.deliveredUpTo()).as("the primer moves deliveredUpTo too").isEqualTo(4);
    }

    @Test
    void olderVersionsGetNoPrimer() {
        SessionEvents events = new SessionEvents(256, McpProtocolVersion.V2025_06_18.primesStreams());
        publish(events, 3);
        RecordingSink sink = open(events, null);
        await().atMost(WAIT).until(() -> sink.ids().size() == 3);
        events.publish(payload(4));
        await().atMost(WAIT).until(() -> sink.ids().size() == 4);
        assertThat(sink.ids()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sink.writes()).noneMatch(w -> w.kind() == RecordingSink.Kind.PRIMER);
    }

    @Test
    void aFreshGetResumesAfterWhatAnEarlierStreamDelivered() {
        SessionEvents events = new SessionEvents(256, false);
        publish(events, 2);
        RecordingSink first = open(events, null);
        await().atMost(WAIT).until(() -> first.ids().size() == 2);
        publish(events, 3);
        await().atMost(WAIT).until(() -> first.ids().size() == 5);
        RecordingSink second = open(events, null);
        await().atMost(WAIT).until(first::ended);
        events.publish(payload(6));
        await().atMost(WAIT).until(() -> second.ids().size() == 1);
        assertThat(second.ids()).as("deliveredUpTo was 5").containsExactly(6L);
    }

    // ---- check 17 ------------------------------------------------------------------------------

    @Test
    void invalidLastEventIdsAreTreatedAsAbsent() {
        for (String header : List.of("abc", "-1", "999", "", "1.0", "+2", "99999999999999999999")) {
            SessionEvents events = new SessionEvents(256, false);
            publish(events, 3);
            RecordingSink sink = open(events, header);
            await().atMost(WAIT).until(() -> sink.ids().size() == 3);
            assertThat(sink.ids()).as("Last-Event-ID '%s'", header).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void lastEventIdParsingBounds() {
        assertThat(SessionEvents.parseLastEventId("3", 3)).isEqualTo(3);
        assertThat(SessionEvents.parseLastEventId("0", 3)).isZero();
        assertThat(SessionEvents.parseLastEventId("4", 3)).isEqualTo(-1);
        assertThat(SessionEvents.parseLastEventId(null, 3)).isEqualTo(-1);
        assertThat(SessionEvents.parseLastEventId("-1", 3)).isEqualTo(-1);
        assertThat(SessionEvents.parseLastEventId("abc", 3)).isEqualTo(-1);
    }

    @Test
    void validLastEventIdReplaysOnlyWhatFollowsIt() {
        SessionEvents events = new SessionEvents(256, true);
        publish(events, 3);
        RecordingSink sink = open(events, "2");
        await().atMost(WAIT).until(() -> sink.ids().size() == 2);
        assertThat(sink.ids()).containsExactly(3L, 4L);
    }

    // ---- gap, dedupe, replacement, backpressure ----------------------------------------------------

    @Test
    void evictedEventsAreSignalledByAGapEventWithoutId() {
        SessionEvents events = new SessionEvents(16, true);
        publish(events, 40);
        RecordingSink sink = open(events, "1");
        await().atMost(WAIT).until(() -> sink.ids().size() == 17);
        RecordingSink.Write gap = sink.writes().get(1);
        assertThat(gap.kind()).isEqualTo(RecordingSink.Kind.EVENT);
        assertThat(gap.id()).as("the gap signal has no id").isZero();
        assertThatJson(new String(gap.json(), StandardCharsets.UTF_8)).isEqualTo("""
                {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"warning","logger":"agentd.mcp",
                 "data":{"event":"events_lost","last_event_id":1,"first_available_id":25}}}""");
        List<Long> expected = new ArrayList<>();
        for (long id = 25; id <= 41; id++) {
            expected.add(id);
        }
        assertThat(sink.ids()).containsExactlyElementsOf(expected);
        assertThat(sink.writes().get(sink.writes().size() - 1).kind()).isEqualTo(RecordingSink.Kind.PRIMER);
    }

    @Test
    void liveEventsFollowTheReplayExactlyOnceInOrder() {
        SessionEvents events = new SessionEvents(256, true);
        publish(events, 5);
        RecordingSink sink = open(events, "2");
        publish(events, 5);
        await().atMost(WAIT).until(() -> sink.ids().size() == 9);
        assertThat(sink.ids()).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(sink.writes().get(4).kind()).as("primer after the replay, before live events")
                .isEqualTo(RecordingSink.Kind.PRIMER);
    }

    @Test
    void secondGetReplacesAndEndsTheFirst() {
        SessionEvents events = new SessionEvents(256, false);
        RecordingSink first = open(events, null);
        RecordingSink second = open(events, null);
        await().atMost(WAIT).until(first::ended);
        events.publish(payload(1));
        await().atMost(WAIT).until(() -> second.ids().size() == 1);
        assertThat(first.ids()).isEmpty();
        assertThat(second.ended()).isFalse();
    }

    @Test
    void streamThatCannotWriteDropsOffersAndCatchesUpFromTheRing() {
        SessionEvents events = new SessionEvents(16, false);
        RecordingSink sink = new RecordingSink();
        EventStream stream = new EventStream(events, loop(), sink, Duration.ofHours(1), () -> {});
        events.open(stream, null);
        events.publish(payload(1));
        await().atMost(WAIT).until(() -> sink.ids().size() == 1);
        sink.writable(false);
        publish(events, 30); // ids 2..31; the ring keeps 16..31
        await().atMost(WAIT).until(() -> events.lastEventId() == 31);
        assertThat(sink.ids()).containsExactly(1L);
        sink.writable(true);
        stream.writable();
        await().atMost(WAIT).until(() -> sink.ids().size() == 17);
        assertThat(sink.writes().get(2).id()).as("gap signal: 2..15 were evicted meanwhile").isZero();
        assertThat(sink.ids().subList(1, 17)).first().isEqualTo(16L);
        assertThat(sink.ids().subList(1, 17)).last().isEqualTo(31L);
        events.publish(payload(32));
        await().atMost(WAIT).until(() -> sink.ids().size() == 18);
    }

    @Test
    void keepAliveCommentsTouchTheSession() {
        SessionEvents events = new SessionEvents(16, false);
        RecordingSink sink = new RecordingSink();
        int[] touches = {0};
        events.open(new EventStream(events, loop(), sink, Duration.ofMillis(50), () -> touches[0]++), null);
        await().atMost(WAIT).until(() -> sink.writes().stream().filter(w -> w.kind() == RecordingSink.Kind.COMMENT)
                .count() >= 2);
        assertThat(touches[0]).isGreaterThanOrEqualTo(2);
        assertThat(sink.ids()).isEmpty();
    }

    // ---- check 18 ------------------------------------------------------------------------------

    @Test
    void concurrentPublishersAndReopenedStreamsLoseAndRepeatNothing() throws Exception {
        int publishers = 8;
        int perPublisher = 2000;
        SessionEvents events = new SessionEvents(McpSettings.MAX_RING_CAPACITY, true);
        Set<Long> published = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            running.add(pool.submit(() -> {
                go.await();
                for (int n = 0; n < perPublisher; n++) {
                    published.add(events.publish(payload(n)));
                }
                return null;
            }));
        }
        List<RecordingSink> streams = new ArrayList<>();
        streams.add(open(events, null));
        go.countDown();
        for (int reopen = 0; reopen < 50; reopen++) {
            RecordingSink previous = streams.get(streams.size() - 1);
            streams.add(open(events, Long.toString(previous.lastId())));
            long target = (reopen + 1L) * publishers * perPublisher / 60;
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> events.lastEventId() >= target);
        }
        for (Future<?> publisher : running) {
            publisher.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long last = events.lastEventId();
        RecordingSink current = streams.get(streams.size() - 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> current.lastId() == last);

        assertThat(published).hasSize(publishers * perPublisher);
        Set<Long> seen = new HashSet<>();
        for (RecordingSink stream : streams) {
            List<Long> ids = stream.ids();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("ids on one stream strictly increase").isGreaterThan(ids.get(i - 1));
            }
            assertThat(stream.writes()).as("no gap with a ring this large").noneMatch(w ->
                    w.kind() == RecordingSink.Kind.EVENT && w.id() == 0);
            seen.addAll(ids);
        }
        assertThat(seen).as("every published id appears on some stream").containsAll(published);
    }

    // ---- check 19 ------------------------------------------------------------------------------

    @Test
    void levelFilterRunsBeforePublishAndSpendsNoId() {
        SessionStore store = new SessionStore(McpSettings.DEFAULTS, new FakeTicker(), Runnable::run);
        McpSession quiet = store.create(identity(null));
        McpSession listening = store.create(identity(null));
        McpSession otherTenant = store.create(identity("team1"));
        ChangeFanOut fanOut = new ChangeFanOut(store);
        quiet.logLevel(LogLevel.WARNING);

        fanOut.accept(new MemoryChange("add_fact", "shared", "f1", "deploy", 1));
        assertThat(quiet.events().lastEventId()).as("filtered: no id used").isZero();
        assertThat(listening.events().lastEventId()).isEqualTo(1);
        assertThat(otherTenant.events().lastEventId()).isZero();

        quiet.logLevel(LogLevel.INFO);
        fanOut.accept(new MemoryChange("add_fact", "shared", "f2", "deploy", 2));
        assertThat(quiet.events().lastEventId()).as("the next write gets the next id").isEqualTo(1);
        assertThat(listening.events().lastEventId()).isEqualTo(2);

        fanOut.accept(new MemoryChange("delete", "ns:team1", "f9", null, 0));
        assertThat(otherTenant.events().lastEventId()).isEqualTo(1);
    }

    @Test
    void changeNotificationCarriesNoBody() {
        byte[] payload = ChangeFanOut.payload(new MemoryChange("add_fact", "shared", "ws-deploy", "deploy", 12));
        assertThatJson(new String(payload, StandardCharsets.UTF_8)).isEqualTo("""
                {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","logger":"agentd.memory",
                 "data":{"op":"add_fact","graph":"shared","id":"ws-deploy","subject":"deploy","fact_count":12}}}""");
    }

    private static McpSession.Identity identity(String namespace) {
        return new McpSession.Identity(McpPrincipal.DAEMON, GraphKey.of(namespace, null),
                McpProtocolVersion.LATEST, Json.mapper().createObjectNode(), Json.mapper().createObjectNode());
    }
}
