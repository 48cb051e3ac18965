package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.Daemon;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawHttp;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.daemon.RawWebSocket.CloseFrame;
import dev.agentd.protocol.client.RpcClient;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code server.shutdown} and graceful shutdown (core §8, §15), one daemon per test.
 * Covers core §19 checks 36 and 38 (check 35 is in {@link SessionAuthE2ETest}).
 */
class ShutdownE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;
    private static final Duration EXIT_BOUND = Duration.ofSeconds(15);
    private static final CloseFrame SHUTTING_DOWN = new CloseFrame(1001, "daemon shutting down");

    /** Check 36. */
    @Test
    void hostShutdownAnswersThenClosesExitsZeroAndCleansUp() throws Exception {
        RawWebSocket host = agentd.connectRaw();
        assertThatJson(host.call(sessionAuth("host_token", agentd.hostToken()))).node("result.role").isEqualTo("host");
        Path root = agentd.root();
        String oldToken = agentd.authToken();

        assertThatJson(host.call("""
                {"jsonrpc":"2.0","id":1,"method":"server.shutdown","params":{}}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"result":{"ok":true,"pid":%d}}""".formatted(agentd.daemon().pid()));
        assertThat(host.awaitClose(EXIT_BOUND)).isEqualTo(SHUTTING_DOWN);
        assertThat(agentd.awaitExit(EXIT_BOUND)).isZero();

        assertThat(root.resolve("auth-token")).doesNotExist();
        assertThat(root.resolve("host-token")).doesNotExist();
        assertThat(root.resolve("run/daemon.json")).doesNotExist();
        assertThat(root.resolve("run/daemon.lock")).exists();
        assertThat(healthzUnreachable()).isTrue();
        try (Daemon next = Daemon.start(agentd.config())) {
            assertThat(Files.readString(root.resolve("auth-token")).strip()).hasSize(43).isNotEqualTo(oldToken);
            assertThat(RawHttp.get(URI.create(next.httpBase()), "/healthz").status()).isEqualTo(200);
        }
    }

    /**
     * Check 38. The blocked request holds the drain (5 s), so a request sent meanwhile meets step 2
     * of core §15 and the blocked one is answered at step 3, before the 1001 close of step 4.
     */
    @Test
    void requestInFlightAtShutdownIsAnsweredShuttingDownBeforeTheClose() throws Exception {
        RawWebSocket worker = agentd.connectRawAuthenticated();
        worker.sendText("""
                {"jsonrpc":"2.0","id":1,"method":"test.block","params":{"ms":60000}}""");
        // server.handshake is a barrier dispatched after test.block: its reply proves test.block is in flight.
        assertThatJson(worker.call(handshake(2))).node("result.protocol_version").isEqualTo(2);
        RpcClient host = agentd.connectHost();

        JsonNode shutdown = host.call("server.shutdown", null, TIMEOUT);

        assertThatJson(shutdown).isEqualTo("{\"ok\":true,\"pid\":%d}".formatted(agentd.daemon().pid()));
        await().atMost(TIMEOUT).until(this::healthzUnreachable);
        assertThatJson(worker.call(handshake(3))).isEqualTo(shuttingDown(3));
        assertThatJson(worker.nextMessage(EXIT_BOUND)).isEqualTo(shuttingDown(1));
        assertThat(worker.awaitClose(EXIT_BOUND)).isEqualTo(SHUTTING_DOWN);
        assertThat(host.closed().get(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS).closeCode()).isEqualTo(1001);
        assertThat(agentd.awaitExit(EXIT_BOUND)).isZero();
    }

    private boolean healthzUnreachable() {
        try {
            RawHttp.get(agentd.httpBase(), "/healthz");
            return false;
        } catch (UncheckedIOException refused) {
            return true;
        }
    }

    private static String shuttingDown(int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"error":{"code":-32603,"message":"daemon shutting down"}}""".formatted(id);
    }

    private static String handshake(int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"server.handshake","params":{"protocol_version":2}}""".formatted(id);
    }

    private static String sessionAuth(String field, String value) {
        return """
                {"jsonrpc":"2.0","id":0,"method":"session.auth","params":{"%s":"%s"}}""".formatted(field, value);
    }
}
