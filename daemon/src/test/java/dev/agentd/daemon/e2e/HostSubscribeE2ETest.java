package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.protocol.Json;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code host.subscribe} through the protocol (host §4.1, §7): the handshake gate, the snapshot
 * of an empty daemon, the first event after a snapshot, the reply-before-events guarantee and
 * re-subscription. A fresh daemon per test, so "empty" means empty. Covers host checks 1, 2, 4,
 * 22 and 24.
 */
class HostSubscribeE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    static final String TIMESTAMP = "${json-unit.regex}^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$";
    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;

    /** Check 1. */
    @Test
    void subscribingBeforeTheHandshakeIsRefusedButReadsWork() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"host.subscribe","params":{}}""")).isEqualTo("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32005,
                 "message":"protocol handshake required: call server.handshake before host.subscribe"}}""");
        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":2,"method":"host.agents","params":{}}""")).isEqualTo("""
                {"jsonrpc":"2.0","id":2,"result":[]}""");
    }

    /** Check 2. */
    @Test
    void anEmptyDaemonSubscribesToAnEmptySnapshotWithItsIdentity() {
        RawWebSocket raw = negotiatedRaw();

        JsonNode reply = raw.call("""
                {"jsonrpc":"2.0","id":2,"method":"host.subscribe","params":{}}""");

        assertThatJson(reply).isEqualTo("""
                {"jsonrpc":"2.0","id":2,"result":{"subscribed":true,"agents":[],"devices":[],"approvals":[],"events":[],
                 "event_sequence":0,
                 "identity":{"version":"0.1.0","pid":%d,"started_at":"%s","manifest_path":%s,"manifest_role":"owner"}}}"""
                .formatted(agentd.daemon().pid(), TIMESTAMP, quoted(agentd.root().resolve("agents.json").toString())));
    }

    /** Check 4. */
    @Test
    void aSubscriberReceivesTheRegistrationAsTheNextSequence() {
        HostClient agent = HostClient.connect(agentd);
        agent.marker();
        HostClient ui = HostClient.connect(agentd);
        long baseline = ui.subscribe().get("event_sequence").asLong();

        JsonNode registered = agent.call("host.register_agent", """
                {"id":"reviewer-1","name":"Reviewer","kind":"builtin","capabilities":["code_review"],
                 "project":"/home/user/proj","pid":5120}""");

        JsonNode event = ui.nextEvent();
        assertThat(baseline).isEqualTo(1);
        assertThatJson(event).isEqualTo("""
                {"id":"${json-unit.regex}^event-[0-9a-f-]{36}$","sequence":%d,"timestamp":%s,"kind":"agent.registered",
                 "agent_id":"reviewer-1","message":"Reviewer registered","payload":{},"agent":%s}"""
                .formatted(baseline + 1, quoted(registered.get("updated_at").asText()), registered));
    }

    /** Check 22: with events flowing, each new subscription's reply still comes first, batch or not. */
    @Test
    void theSubscribeReplyAlwaysPrecedesTheSubscriptionsFirstEvent() throws Exception {
        try (EventProducer producer = new EventProducer(HostClient.connect(agentd))) {
            producer.awaitEvents(20);
            for (int i = 0; i < 20; i++) {
                RawWebSocket raw = negotiatedRaw();
                raw.sendText("""
                        {"jsonrpc":"2.0","id":2,"method":"host.subscribe","params":{}}""");
                JsonNode first = raw.nextMessage(TIMEOUT);
                assertThat(first.path("id").asInt()).as("first message %s", first).isEqualTo(2);
                assertThat(raw.nextMessage(TIMEOUT).path("method").asText()).isEqualTo("host.event");
                raw.close();
            }
            for (int i = 0; i < 20; i++) {
                RawWebSocket raw = negotiatedRaw();
                raw.sendText("""
                        [{"jsonrpc":"2.0","id":2,"method":"host.subscribe","params":{}},
                         {"jsonrpc":"2.0","id":3,"method":"host.agents","params":{}}]""");
                JsonNode first = raw.nextMessage(TIMEOUT);
                assertThat(first.isArray()).as("first message %s", first).isTrue();
                assertThat(first.get(0).path("id").asInt()).isEqualTo(2);
                raw.close();
            }
        }
    }

    /** Check 24: after a re-subscribe's reply, only events newer than its snapshot arrive, without gaps. */
    @Test
    void reSubscribingGivesAFreshSnapshotAndOnlyNewerEventsAfterIt() throws Exception {
        try (EventProducer producer = new EventProducer(HostClient.connect(agentd))) {
            RawWebSocket raw = negotiatedRaw();
            long first = raw.call("""
                    {"jsonrpc":"2.0","id":2,"method":"host.subscribe","params":{}}""").at("/result/event_sequence").asLong();
            producer.awaitEvents(first + 50);

            raw.sendText("""
                    {"jsonrpc":"2.0","id":3,"method":"host.subscribe","params":{}}""");
            JsonNode message = raw.nextMessage(TIMEOUT);
            long leftover = first;
            while (!message.has("id")) {
                leftover = message.at("/params/sequence").asLong();
                message = raw.nextMessage(TIMEOUT);
            }
            JsonNode snapshot = message.get("result");
            long baseline = snapshot.get("event_sequence").asLong();

            assertThat(baseline).isGreaterThanOrEqualTo(first + 50).isGreaterThanOrEqualTo(leftover);
            JsonNode snapshotEvents = snapshot.get("events");
            assertThat(snapshotEvents.get(snapshotEvents.size() - 1).get("sequence").asLong()).isEqualTo(baseline);
            for (long expected = baseline + 1; expected <= baseline + 50; expected++) {
                assertThat(raw.nextMessage(TIMEOUT).at("/params/sequence").asLong()).isEqualTo(expected);
            }
        }
    }

    private RawWebSocket negotiatedRaw() {
        RawWebSocket raw = agentd.connectRawAuthenticated();
        assertThat(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"server.handshake","params":{"protocol_version":2}}""").has("result")).isTrue();
        return raw;
    }

    static String quoted(String text) {
        return Json.mapper().getNodeFactory().textNode(text).toString();
    }

    /** Notifies on its own connection, one call after another, until closed. */
    static final class EventProducer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong latest = new AtomicLong();
        private final CompletableFuture<Void> loop;

        EventProducer(HostClient client) {
            loop = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    latest.set(client.call("host.notify", "{\"kind\":\"test.load\"}").get("sequence").asLong());
                }
            });
        }

        /** Waits until the log holds at least {@code sequence} events. */
        void awaitEvents(long sequence) {
            await().atMost(TIMEOUT).until(() -> latest.get() >= sequence);
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            loop.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
