package dev.agentd.daemon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonProcess;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host check 25 with real processes: the registry lives in one daemon process only, so after a
 * restart on the same root the identity (pid, start time) differs and numbering starts at 1.
 */
class HostRestartE2ETest {
    private static final Duration TIMEOUT = HostClient.TIMEOUT;

    @Test
    void aRestartedDaemonHasANewIdentityAndNumbersEventsFromOne(@TempDir Path temp) throws Exception {
        Path root = temp.resolve("home");
        JsonNode before;
        try (DaemonProcess first = DaemonProcess.start(root); RpcClient client = connect(first)) {
            before = subscribe(client).get("identity");
            client.call("host.register_agent", HostClient.parse("{\"id\":\"a1\",\"name\":\"A\",\"kind\":\"cli\"}"), TIMEOUT);
            assertThat(before.get("pid").asLong()).isEqualTo(first.pid());
            first.terminate(Duration.ofSeconds(20));
        }

        try (DaemonProcess second = DaemonProcess.start(root); RpcClient client = connect(second)) {
            BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
            client.onNotification(notification -> events.add(notification.params()));
            JsonNode snapshot = subscribe(client);
            client.call("host.notify", HostClient.parse("{}"), TIMEOUT);

            JsonNode after = snapshot.get("identity");
            assertThat(after.get("pid").asLong()).isEqualTo(second.pid()).isNotEqualTo(before.get("pid").asLong());
            assertThat(after.get("started_at").asText()).isNotEqualTo(before.get("started_at").asText());
            assertThat(after.get("manifest_path")).isEqualTo(before.get("manifest_path"));
            assertThat(snapshot.get("event_sequence").asLong()).isZero();
            assertThat(snapshot.get("agents")).isEmpty();
            JsonNode first = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(first).as("the first event after the restart").isNotNull();
            assertThat(first.get("sequence").asLong()).isEqualTo(1);
        }
    }

    private static RpcClient connect(DaemonProcess daemon) throws Exception {
        RpcClient client = RpcClient.open(daemon.wsUri(), TIMEOUT);
        client.call("session.auth", Json.mapper().createObjectNode().put("token", daemon.authToken()), TIMEOUT);
        client.call("server.handshake", HostClient.parse("{\"protocol_version\":2}"), TIMEOUT);
        return client;
    }

    private static JsonNode subscribe(RpcClient client) {
        return client.call("host.subscribe", HostClient.parse("{}"), TIMEOUT);
    }
}
