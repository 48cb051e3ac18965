package dev.agentd.daemon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A host UI's local copy of the registry, kept by the client algorithm of host §7: snapshot, then
 * apply {@code host.event}s in sequence; ignore leftovers; re-subscribe on a gap. Events are taken
 * from the connection's listener into an inbox and applied on the caller's thread, so a
 * re-subscribe never blocks the thread that routes its own reply.
 */
final class HostMirror {
    private final RpcClient rpc;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final Map<String, JsonNode> agents = new LinkedHashMap<>();
    private final Map<String, JsonNode> approvals = new LinkedHashMap<>();
    private JsonNode identity;
    private long last;
    private int subscriptions;

    HostMirror(RpcClient rpc) {
        this.rpc = rpc;
        rpc.onNotification(notification -> {
            if (notification.method().equals("host.event")) {
                inbox.add(notification.params());
            }
        });
    }

    /** Step 2: state ← snapshot, last ← event_sequence (the state is replaced either way). */
    void subscribe() {
        JsonNode snapshot = rpc.call("host.subscribe", Json.mapper().createObjectNode(), HostClient.TIMEOUT);
        identity = snapshot.get("identity");
        agents.clear();
        approvals.clear();
        snapshot.get("agents").forEach(agent -> agents.put(agent.get("id").asText(), agent));
        snapshot.get("approvals").forEach(approval -> approvals.put(approval.get("id").asText(), approval));
        last = snapshot.get("event_sequence").asLong();
        subscriptions++;
    }

    /** Step 3 for every event until {@code sequence} is reflected; fails after {@code timeout}. */
    void applyUntil(long sequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (last < sequence) {
            JsonNode event = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("the mirror did not reach sequence " + sequence + " (at " + last + ")");
            }
            receive(event);
        }
    }

    /** Applies the next event to arrive within {@code wait}, if any. */
    void applyNext(Duration wait) throws InterruptedException {
        JsonNode event = inbox.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (event != null) {
            receive(event);
        }
    }

    private void receive(JsonNode event) {
        long sequence = event.get("sequence").asLong();
        if (sequence <= last) {
            return;
        }
        if (sequence > last + 1) {
            subscribe();
            return;
        }
        apply(event);
        last = sequence;
    }

    /** Step 4. */
    private void apply(JsonNode event) {
        switch (event.get("kind").asText()) {
            case "agent.registered", "agent.status_changed" -> agents.put(event.at("/agent/id").asText(), event.get("agent"));
            case "agent.unregistered" -> agents.remove(event.get("agent_id").asText());
            case "approval.requested", "approval.resolved" -> approvals.put(event.at("/approval/id").asText(), event.get("approval"));
            default -> { }
        }
    }

    Map<String, JsonNode> agents() {
        return agents;
    }

    Map<String, JsonNode> approvals() {
        return approvals;
    }

    JsonNode identity() {
        return identity;
    }

    int subscriptions() {
        return subscriptions;
    }
}
