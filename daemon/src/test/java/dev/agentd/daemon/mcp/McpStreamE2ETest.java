package dev.agentd.daemon.mcp;

import static dev.agentd.daemon.mcp.McpFixtures.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.uniqueNamespace;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.memory.MemoryConnections;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The resumable GET event stream (mcp §8) over raw HTTP, with a ring of 16: delivery of events
 * published before the first GET, resumption, the gap signal and replacement. Acceptance checks
 * 20–23 of mcp §16. Every test uses its own namespace, so only its own writes reach its sessions.
 */
class McpStreamE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder()
            .configure(config -> config.withMcp(McpSettings.DEFAULTS.withRingCapacity(16)))
            .build();

    private static final Duration QUIET = Duration.ofMillis(500);

    /** A session in a namespace of its own, and a WebSocket writer on the same graph. */
    private record Tenant(McpHttp mcp, String label, RpcClient writer) {
        static Tenant create() {
            String namespace = uniqueNamespace("stream");
            McpHttp mcp = McpHttp.at(agentd.httpBase()).withToken(agentd.authToken()).withNamespace(namespace);
            return new Tenant(mcp, "ns:" + namespace, MemoryConnections.namespace(agentd, namespace));
        }

        /** Writes {@code count} facts and waits until the endpoint has published them; returns their subjects. */
        List<String> write(int count) {
            List<String> subjects = new ArrayList<>();
            McpFixtures.writeAndAwaitPublished(agentd, label, count, () -> {
                for (int i = 0; i < count; i++) {
                    String subject = uniqueNamespace("event");
                    writer.call("memory.add_fact", MemoryConnections.fact(subject, "body"), TIMEOUT);
                    subjects.add(subject);
                }
            });
            return subjects;
        }
    }

    private static List<Long> ids(List<SseReader.Event> events) {
        return events.stream().map(SseReader.Event::idNumber).toList();
    }

    private static List<String> subjects(List<SseReader.Event> events) {
        return events.stream().map(event -> event.json().at("/params/data/subject").asText()).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private static void assertPrimer(SseReader.Event event, long id) {
        assertThat(event.isPrimer()).as("a primer: %s", event).isTrue();
        assertThat(event.idNumber()).isEqualTo(id);
        assertThat(event.retry()).isEqualTo("2000");
    }

    /** Check 20, and the SSE framing of mcp §8.10. */
    @Test
    void eventsPublishedBeforeTheFirstGetAreDeliveredOnIt() {
        Tenant tenant = Tenant.create();
        String session = tenant.mcp().initialize(McpHttp.LATEST).id();
        List<String> written = tenant.write(3);

        try (McpHttp.Stream get = tenant.mcp().get(session, null)) {
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.header("Content-Type")).startsWith(McpHttp.EVENT_STREAM);
            assertThat(get.header("Cache-Control")).isEqualTo("no-cache, no-transform");
            assertThat(get.header("X-Accel-Buffering")).isEqualTo("no");
            assertThat(get.header(McpHttp.SESSION_HEADER)).isEqualTo(session);
            assertThat(get.header("Content-Length")).isNull();
            List<SseReader.Event> events = get.events().nextEvents(3, TIMEOUT);

            assertThat(ids(events)).containsExactly(1L, 2L, 3L);
            assertThat(subjects(events)).containsExactlyElementsOf(written);
            assertThat(events).allSatisfy(event -> {
                assertThat(event.type()).as("no event: line").isNull();
                assertThat(event.retry()).isNull();
                assertThatJson(event.data()).inPath("method").isEqualTo("notifications/message");
            });
            assertPrimer(get.events().nextEvent(TIMEOUT), 4);
        }
    }

    /** Check 21 on a 2025-11-25 session: the first GET's primer took id 4, so the five new events are 5..9. */
    @Test
    void resumingWithLastEventIdReplaysExactlyTheUnseenEventsThenPrimes() {
        Tenant tenant = Tenant.create();
        String session = tenant.mcp().initialize(McpHttp.LATEST).id();
        tenant.write(3);
        try (McpHttp.Stream first = tenant.mcp().get(session, null)) {
            assertThat(ids(first.events().nextEvents(3, TIMEOUT))).containsExactly(1L, 2L, 3L);
            assertPrimer(first.events().nextEvent(TIMEOUT), 4);
        }
        List<String> missed = tenant.write(5);

        try (McpHttp.Stream resumed = tenant.mcp().get(session, "3")) {
            List<SseReader.Event> events = resumed.events().nextEvents(5, TIMEOUT);

            assertThat(ids(events)).containsExactlyElementsOf(range(5, 9));
            assertThat(subjects(events)).containsExactlyElementsOf(missed);
            assertPrimer(resumed.events().nextEvent(TIMEOUT), 10);
            assertThat(resumed.events().poll(QUIET)).as("no duplicates after the primer").isEmpty();
        }
    }

    /** Check 21 literally (ids 4..8), on a 2025-06-18 session, whose streams are never primed. */
    @Test
    void resumingWithoutPrimersReplaysIdsFourToEight() {
        Tenant tenant = Tenant.create();
        String session = tenant.mcp().initialize("2025-06-18").id();
        tenant.write(3);
        try (McpHttp.Stream first = tenant.mcp().get(session, null)) {
            assertThat(ids(first.events().nextEvents(3, TIMEOUT))).containsExactly(1L, 2L, 3L);
            assertThat(first.events().poll(QUIET)).as("no primer on 2025-06-18").isEmpty();
        }
        List<String> missed = tenant.write(5);

        try (McpHttp.Stream resumed = tenant.mcp().get(session, "3")) {
            List<SseReader.Event> events = resumed.events().nextEvents(5, TIMEOUT);

            assertThat(ids(events)).containsExactlyElementsOf(range(4, 8));
            assertThat(subjects(events)).containsExactlyElementsOf(missed);
            assertThat(resumed.events().poll(QUIET)).isEmpty();
            assertThat(resumed.events().receivedEvents()).noneMatch(event -> "".equals(event.data()));
        }
    }

    /** mcp §8.5: an unusable Last-Event-ID counts as absent. */
    @Test
    void anInvalidLastEventIdIsTreatedAsAbsent() {
        for (String invalid : new String[] {"abc", "-1", "999"}) {
            Tenant tenant = Tenant.create();
            String session = tenant.mcp().initialize(McpHttp.LATEST).id();
            tenant.write(2);

            try (McpHttp.Stream get = tenant.mcp().get(session, invalid)) {
                assertThat(ids(get.events().nextEvents(2, TIMEOUT))).as("Last-Event-ID: %s", invalid)
                        .containsExactly(1L, 2L);
                assertPrimer(get.events().nextEvent(TIMEOUT), 3);
            }
        }
    }

    /** Check 22. */
    @Test
    void evictedEventsAreSignalledByAGapEventWithoutId() {
        Tenant tenant = Tenant.create();
        String session = tenant.mcp().initialize(McpHttp.LATEST).id();
        List<String> written = tenant.write(40);

        try (McpHttp.Stream get = tenant.mcp().get(session, "1")) {
            SseReader.Event gap = get.events().nextEvent(TIMEOUT);
            List<SseReader.Event> retained = get.events().nextEvents(16, TIMEOUT);

            assertThat(gap.id()).isNull();
            assertThat(gap.type()).isNull();
            assertThatJson(gap.data()).isEqualTo("""
                    {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"warning","logger":"agentd.mcp",
                     "data":{"event":"events_lost","last_event_id":1,"first_available_id":25}}}""");
            assertThat(ids(retained)).containsExactlyElementsOf(range(25, 40));
            assertThat(subjects(retained)).containsExactlyElementsOf(written.subList(24, 40));
            assertPrimer(get.events().nextEvent(TIMEOUT), 41);
        }
    }

    /** Check 23. */
    @Test
    void aSecondGetEndsTheFirstAndTakesTheLaterEvents() {
        Tenant tenant = Tenant.create();
        String session = tenant.mcp().initialize(McpHttp.LATEST).id();
        try (McpHttp.Stream first = tenant.mcp().get(session, null)) {
            assertPrimer(first.events().nextEvent(TIMEOUT), 1);

            try (McpHttp.Stream second = tenant.mcp().get(session, null)) {
                assertThat(second.status()).as("never 409").isEqualTo(200);
                SseReader.End end = first.events().awaitEnd(Duration.ofSeconds(1));
                assertThat(end.clean()).as("ended with the terminating chunk: %s", end).isTrue();
                assertPrimer(second.events().nextEvent(TIMEOUT), 2);

                List<String> written = tenant.write(2);

                List<SseReader.Event> later = second.events().nextEvents(2, TIMEOUT);
                assertThat(ids(later)).containsExactly(3L, 4L);
                assertThat(subjects(later)).containsExactlyElementsOf(written);
                assertThat(first.events().receivedEvents()).hasSize(1);
            }
        }
    }
}
