package dev.agentd.daemon.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.memory.GraphKey;
import dev.agentd.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mcp §7.4 with a fake clock: checks 13 (TTLs, exact expiry, touch, removal ends the stream) and 14 (LRU cap). */
class SessionStoreTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration MAX_AGE = Duration.ofHours(24);

    private final FakeTicker ticker = new FakeTicker();
    private final Map<String, SessionStore.RemovalReason> removals = new ConcurrentHashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    private SessionStore store(int maxSessions) {
        McpSettings settings = McpSettings.DEFAULTS.withIdleTtl(IDLE).withMaxAge(MAX_AGE).withMaxSessions(maxSessions);
        SessionStore store = new SessionStore(settings, ticker, Runnable::run);
        store.onRemoval((session, reason) -> removals.put(session.id(), reason));
        return store;
    }

    private static McpSession.Identity identity() {
        return new McpSession.Identity(McpPrincipal.DAEMON, GraphKey.shared(),
                McpProtocolVersion.LATEST, Json.mapper().createObjectNode(), Json.mapper().createObjectNode());
    }

    private RecordingSink openStream(McpSession session) {
        RecordingSink sink = new RecordingSink();
        session.events().open(new EventStream(session.events(), loop, sink, Duration.ofHours(1), () -> {}), null);
        await().atMost(Duration.ofSeconds(5)).until(() -> !sink.writes().isEmpty());
        return sink;
    }

    private void at(Duration sinceStart, Duration[] clock) {
        ticker.advance(sinceStart.minus(clock[0]));
        clock[0] = sinceStart;
    }

    @Test
    void idleSessionIsPresentUntilTheLastInstantAndAbsentFromIt() {
        SessionStore store = store(1000);
        McpSession session = store.create(identity());
        ticker.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertThat(store.find(session.id())).containsSame(session);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(store.find(session.id())).as("expired exactly at lastAccess + 30 min, before any cleanup").isEmpty();
    }

    @Test
    void touchMovesTheInactivityExpiry() {
        SessionStore store = store(1000);
        McpSession session = store.create(identity());
        Duration[] clock = {Duration.ZERO};
        at(Duration.ofMinutes(20), clock);
        store.touch(session);
        at(Duration.ofMinutes(49).plusSeconds(59), clock);
        assertThat(store.find(session.id())).isPresent();
        at(Duration.ofMinutes(50), clock);
        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void lookupsThatDoNotTouchDoNotExtendTheSession() {
        SessionStore store = store(1000);
        McpSession session = store.create(identity());
        for (int minute = 1; minute < 30; minute++) {
            ticker.advance(Duration.ofMinutes(1));
            assertThat(store.find(session.id())).isPresent();
        }
        ticker.advance(Duration.ofMinutes(1));
        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void absoluteAgeExpiresTheSessionDespiteATouchEveryMinute() {
        SessionStore store = store(1000);
        McpSession session = store.create(identity());
        for (int minute = 1; minute < 24 * 60; minute++) {
            ticker.advance(Duration.ofMinutes(1));
            assertThat(store.find(session.id())).as("minute %d", minute).isPresent();
            store.touch(session);
        }
        ticker.advance(Duration.ofMinutes(1));
        assertThat(store.find(session.id())).as("createdAt + 24h").isEmpty();
    }

    @Test
    void explicitRemovalEndsTheStream() {
        SessionStore store = store(1000);
        McpSession session = store.create(identity());
        RecordingSink sink = openStream(session);
        assertThat(store.remove(session)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(sink::ended);
        assertThat(removals).containsEntry(session.id(), SessionStore.RemovalReason.EXPLICIT);
        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void expiryEndsTheStream() {
        SessionStore store = store(1000);
        McpSession session = store.create(identity());
        RecordingSink sink = openStream(session);
        ticker.advance(IDLE);
        store.cleanUp();
        await().atMost(Duration.ofSeconds(5)).until(sink::ended);
        assertThat(removals).containsEntry(session.id(), SessionStore.RemovalReason.EXPIRED);
    }

    @Test
    void evictionEndsTheStream() {
        SessionStore store = store(1);
        McpSession first = store.create(identity());
        RecordingSink sink = openStream(first);
        ticker.advance(Duration.ofSeconds(1));
        McpSession second = store.create(identity());
        await().atMost(Duration.ofSeconds(5)).until(sink::ended);
        assertThat(removals).containsEntry(first.id(), SessionStore.RemovalReason.EVICTED);
        assertThat(store.find(second.id())).isPresent();
    }

    @Test
    void invalidationEndsEveryStream() {
        SessionStore store = store(1000);
        McpSession one = store.create(identity());
        McpSession two = store.create(identity());
        List<RecordingSink> sinks = List.of(openStream(one), openStream(two));
        store.invalidateAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> sinks.stream().allMatch(RecordingSink::ended));
        assertThat(removals).containsEntry(one.id(), SessionStore.RemovalReason.INVALIDATED)
                .containsEntry(two.id(), SessionStore.RemovalReason.INVALIDATED);
        assertThat(store.size()).isZero();
    }

    @Test
    void capEvictsTheLeastRecentlyUsedSession() {
        SessionStore store = store(3);
        McpSession a = store.create(identity());
        ticker.advance(Duration.ofSeconds(1));
        McpSession b = store.create(identity());
        ticker.advance(Duration.ofSeconds(1));
        McpSession c = store.create(identity());
        ticker.advance(Duration.ofSeconds(1));
        store.touch(a);
        ticker.advance(Duration.ofSeconds(1));
        McpSession d = store.create(identity());

        assertThat(store.find(b.id())).isEmpty();
        assertThat(removals).containsOnly(Map.entry(b.id(), SessionStore.RemovalReason.EVICTED));
        assertThat(store.find(a.id())).isPresent();
        assertThat(store.find(c.id())).isPresent();
        assertThat(store.find(d.id())).isPresent();
    }

    @Test
    void tiesOnLastAccessEvictTheOldestAndNeverTheSessionJustCreated() {
        SessionStore store = store(2);
        McpSession older = store.create(identity());
        ticker.advance(Duration.ofSeconds(1));
        McpSession newer = store.create(identity());
        store.touch(older); // both now share lastAccess; older has the older createdAt
        McpSession created = store.create(identity());

        assertThat(removals).containsOnly(Map.entry(older.id(), SessionStore.RemovalReason.EVICTED));
        assertThat(store.find(newer.id())).isPresent();
        assertThat(store.find(created.id())).isPresent();

        SessionStore single = store(1);
        McpSession only = single.create(identity());
        McpSession next = single.create(identity());
        assertThat(single.find(next.id())).as("a just-created session is never the victim").isPresent();
        assertThat(single.find(only.id())).isEmpty();
    }

    @Test
    void sessionIdsAreLowercaseUuidsOfVisibleAscii() {
        SessionStore store = store(1000);
        String id = store.create(identity()).id();
        assertThat(id).hasSize(36).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
