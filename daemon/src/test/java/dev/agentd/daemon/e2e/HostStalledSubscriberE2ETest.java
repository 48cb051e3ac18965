package dev.agentd.daemon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawFrames;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host check 23 (and core §3's notification queues): a subscriber that stops reading while 5000
 * events are produced is not disconnected and blocks no producer; once it reads again it sees a
 * {@code sequence} gap, and re-subscribing restores a consistent state. The subscriber is a raw
 * socket that simply stops reading; events carry 16 KiB each so that the socket buffers, the
 * 16 MiB outbound buffer and the 1024-event queue (together about 40 MB) fill long before the
 * 5000th event (80 MB). The producer's replies are small agent rows, so only the subscriber's
 * side carries the bulk.
 */
class HostStalledSubscriberE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final int EVENTS = 5000;
    private static final int PIPELINED = 64;
    private static final String BLOB = "x".repeat(16 * 1024);

    private final ScheduledExecutorService markers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopMarkers() {
        markers.shutdownNow();
    }

    @Test
    void aStalledSubscriberSeesAGapAndRecoversByReSubscribing() throws Exception {
        HostClient producer = HostClient.connect(agentd);
        producer.registerAgent("busy", "Busy");
        try (RawFrames subscriber = RawFrames.open(agentd.httpBase())) {
            request(subscriber, 0, "session.auth", "{\"token\":\"" + agentd.authToken() + "\"}");
            request(subscriber, 1, "server.handshake", "{\"protocol_version\":2}");
            long baseline = request(subscriber, 2, "host.subscribe", "{}").at("/result/event_sequence").asLong();

            List<JsonNode> results = produce(producer);

            assertThat(results).hasSize(EVENTS).allSatisfy(agent -> assertThat(agent.get("id").asText()).isEqualTo("busy"));
            long lastProduced = producer.call("host.events", "{\"limit\":1}").at("/events/0/sequence").asLong();
            assertThat(lastProduced).isEqualTo(baseline + EVENTS);
            List<Long> received = readUntilAMarkerArrives(subscriber, producer);
            assertThat(received.get(0)).isEqualTo(baseline + 1);
            assertThat(received).isSorted().doesNotHaveDuplicates();
            assertThat(received.stream().filter(sequence -> sequence <= lastProduced).count())
                    .as("events received of the %d produced", EVENTS).isLessThan(EVENTS);

            JsonNode snapshot = request(subscriber, 3, "host.subscribe", "{}").get("result");
            assertThat(byId(snapshot.get("agents"))).isEqualTo(byId(producer.call("host.agents", "{}")));
            assertThat(snapshot.get("approvals")).isEqualTo(producer.call("host.approvals", "{}").get("approvals"));
            long next = producer.call("host.notify", "{\"kind\":\"test.after\"}").get("sequence").asLong();
            assertThat(next).isEqualTo(snapshot.get("event_sequence").asLong() + 1);
            assertThat(readJson(subscriber).at("/params/sequence").asLong()).isEqualTo(next);
        }
    }

    /** 5000 status reports with a 16 KiB payload each, 64 in flight at a time. */
    private static List<JsonNode> produce(HostClient producer) {
        List<JsonNode> results = new ArrayList<>();
        Deque<CompletableFuture<JsonNode>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < EVENTS; i++) {
            if (inFlight.size() == PIPELINED) {
                results.add(inFlight.removeFirst().orTimeout(HostClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join());
            }
            ObjectNode params = Json.mapper().createObjectNode().put("agent_id", "busy").put("status", "running")
                    .put("current_task", "step " + i);
            params.putObject("payload").put("blob", BLOB);
            inFlight.addLast(producer.rpc().callAsync("host.set_status", params));
        }
        while (!inFlight.isEmpty()) {
            results.add(inFlight.removeFirst().orTimeout(HostClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join());
        }
        return results;
    }

    /**
     * Reads events again. A marker event is recorded every 100 ms until one arrives: markers
     * recorded while the subscriber's queue is still full are dropped like any other event.
     */
    private List<Long> readUntilAMarkerArrives(RawFrames subscriber, HostClient producer) throws IOException {
        markers.scheduleWithFixedDelay(producer::marker, 0, 100, TimeUnit.MILLISECONDS);
        List<Long> sequences = new ArrayList<>();
        JsonNode event;
        do {
            event = readJson(subscriber);
            assertThat(event.get("method").asText()).isEqualTo("host.event");
            sequences.add(event.at("/params/sequence").asLong());
        } while (!event.at("/params/kind").asText().equals("test.marker"));
        markers.shutdownNow();
        return sequences;
    }

    /** Sends a request and reads frames until its reply; events before it are skipped. */
    private static JsonNode request(RawFrames frames, int id, String method, String params) throws IOException {
        frames.sendFrame(true, RawFrames.OPCODE_TEXT, ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method
                + "\",\"params\":" + params + "}").getBytes(StandardCharsets.UTF_8));
        JsonNode message = readJson(frames);
        while (!message.has("id")) {
            message = readJson(frames);
        }
        assertThat(message.get("id").asInt()).isEqualTo(id);
        assertThat(message.has("result")).as("reply %s", message).isTrue();
        return message;
    }

    private static JsonNode readJson(RawFrames frames) throws IOException {
        RawFrames.Frame frame = frames.readFrame();
        assertThat(frame.opcode()).as("opcode of a frame from the daemon").isEqualTo(RawFrames.OPCODE_TEXT);
        return Json.mapper().readTree(frame.payload());
    }

    private static Map<String, JsonNode> byId(JsonNode rows) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.get("id").asText(), row));
        return byId;
    }
}
