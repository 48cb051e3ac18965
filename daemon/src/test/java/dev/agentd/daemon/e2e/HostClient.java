package dev.agentd.daemon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A connection as a host UI or an agent holds it: authenticated (daemon or host token),
 * negotiated, and with every {@code host.event} it receives queued for the test to take.
 */
final class HostClient {
    static final Duration TIMEOUT = DaemonExtension.TIMEOUT;

    private final RpcClient rpc;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private String clientId;

    private HostClient(RpcClient rpc) {
        this.rpc = rpc;
        rpc.onNotification(notification -> {
            if (notification.method().equals("host.event")) {
                events.add(notification.params());
            }
        });
    }

    /** Daemon token, then {@code server.handshake}. */
    static HostClient connect(DaemonExtension agentd) {
        return open(agentd, "token", agentd.authToken());
    }

    /** Host token (host role), then {@code server.handshake}. */
    static HostClient connectHost(DaemonExtension agentd) {
        return open(agentd, "host_token", agentd.hostToken());
    }

    private static HostClient open(DaemonExtension agentd, String credential, String value) {
        HostClient client = new HostClient(agentd.open());
        JsonNode auth = client.call("session.auth", Json.mapper().createObjectNode().put(credential, value));
        client.clientId = auth.get("client_id").asText();
        client.call("server.handshake", "{\"protocol_version\":2}");
        return client;
    }

    String clientId() {
        return clientId;
    }

    RpcClient rpc() {
        return rpc;
    }

    JsonNode call(String method, String params) {
        return call(method, parse(params));
    }

    JsonNode call(String method, ObjectNode params) {
        return rpc.call(method, params, TIMEOUT);
    }

    /** The error reply of a call that must fail. */
    RpcException error(String method, String params) {
        return rpcError(() -> call(method, params));
    }

    JsonNode subscribe() {
        return call("host.subscribe", "{}");
    }

    JsonNode registerAgent(String id, String name) {
        return call("host.register_agent", "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"kind\":\"cli\"}");
    }

    JsonNode agent(String id) {
        for (JsonNode agent : call("host.agents", "{}")) {
            if (agent.get("id").asText().equals(id)) {
                return agent;
            }
        }
        return null;
    }

    /** Records a marker event and returns its sequence: the next event received must carry it. */
    long marker() {
        return call("host.notify", "{\"kind\":\"test.marker\"}").get("sequence").asLong();
    }

    JsonNode nextEvent() {
        return nextEvent(TIMEOUT);
    }

    JsonNode nextEvent(Duration timeout) {
        try {
            JsonNode event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                fail("no host.event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    List<JsonNode> nextEvents(int count) {
        List<JsonNode> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(nextEvent());
        }
        return received;
    }

    /** The next event must be the marker with {@code sequence}: nothing was broadcast in between. */
    void expectMarkerNext(long sequence) {
        JsonNode next = nextEvent();
        assertThat(next.get("kind").asText()).as("kind of the next event %s", next).isEqualTo("test.marker");
        assertThat(next.get("sequence").asLong()).isEqualTo(sequence);
    }

    void close() {
        rpc.close();
    }

    static RpcException rpcError(ThrowingCallable call) {
        try {
            call.call();
        } catch (RpcException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected an error reply, got " + t, t);
        }
        throw new AssertionError("expected an error reply, got a result");
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
