package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.daemon.RawWebSocket.CloseFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The auth gate (core §6.1, §2.2 last bullet) and the control barrier that makes pipelining
 * {@code session.auth} safe (core §2.3). Covers core §19 checks 10, 11, 21 and 24.
 */
class AuthGateE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;
    private static final String AUTH_REQUIRED = "auth required: call session.auth with a valid token first";

    /** {@code foo.bar} (check 11) gets -32001, not -32601; {@code server.handshake} is check 21. */
    @ParameterizedTest
    @ValueSource(strings = {"server.handshake", "agents.list", "foo.bar", "server.shutdown", "test.block"})
    void unauthenticatedRequestIsAnsweredAuthRequiredThenClosedAndNothingElseIsDispatched(String method) {
        RawWebSocket raw = agentd.connectRaw();

        raw.sendText("""
                {"jsonrpc":"2.0","id":1,"method":"%s","params":{"protocol_version":2}}""".formatted(method));
        // the daemon may already have closed; then the late session.auth cannot be dispatched either
        raw.trySendText(sessionAuth(2, agentd.authToken()));

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"%s"}}""".formatted(AUTH_REQUIRED));
        assertThat(raw.awaitClose(TIMEOUT)).isEqualTo(new CloseFrame(1008, "auth required"));
        raw.expectNoMessage(Duration.ZERO);
    }

    @Test
    void unauthenticatedNotificationIsNotAnsweredButCloses() {
        RawWebSocket raw = agentd.connectRaw();

        raw.sendText("""
                {"jsonrpc":"2.0","method":"server.handshake","params":{"protocol_version":2}}""");

        assertThat(raw.awaitClose(TIMEOUT)).isEqualTo(new CloseFrame(1008, "auth required"));
        raw.expectNoMessage(Duration.ZERO);
    }

    @Test
    void batchElementThatHitsTheGateFailsWithEveryLaterElementThenCloses() {
        RawWebSocket raw = agentd.connectRaw();

        raw.sendText("[" + sessionAuth(1, "wrong-token") + ","
                + handshake(2) + ","
                + sessionAuth(3, agentd.authToken()) + "]");

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                [{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"auth failed: token mismatch"}},
                 {"jsonrpc":"2.0","id":2,"error":{"code":-32001,"message":"%1$s"}},
                 {"jsonrpc":"2.0","id":3,"error":{"code":-32001,"message":"%1$s"}}]""".formatted(AUTH_REQUIRED));
        assertThat(raw.awaitClose(TIMEOUT)).isEqualTo(new CloseFrame(1008, "auth required"));
    }

    @Test
    void batchStartingWithSessionAuthAuthenticatesTheElementsAfterIt() {
        RawWebSocket raw = agentd.connectRaw();

        raw.sendText("[" + sessionAuth(1, agentd.authToken()) + "," + handshake(2) + "]");

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                [{"jsonrpc":"2.0","id":1,"result":{"ok":true,"auth_enabled":true,"client_id":"${json-unit.any-string}"}},
                 {"jsonrpc":"2.0","id":2,"result":{"protocol_version":2,"server_version":"0.1.0","client_protocol_version":2}}]""");
        assertThat(raw.isClosed()).isFalse();
    }

    /** Check 24: the second request is sent before the auth reply arrives. */
    @Test
    void pipelinedSessionAuthAndHandshakeBothSucceed() {
        RawWebSocket raw = agentd.connectRaw();

        raw.sendText(sessionAuth(1, agentd.authToken()));
        raw.sendText(handshake(2));
        raw.sendText("""
                {"jsonrpc":"2.0","id":3,"method":"test.block","params":{"ms":0}}""");

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                {"jsonrpc":"2.0","id":1,"result":{"ok":true,"auth_enabled":true,"client_id":"${json-unit.any-string}"}}""");
        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                {"jsonrpc":"2.0","id":2,"result":{"protocol_version":2,"server_version":"0.1.0","client_protocol_version":2}}""");
        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                {"jsonrpc":"2.0","id":3,"result":{"slept_ms":"${json-unit.any-number}","concurrent":1}}""");
    }

    private static String sessionAuth(int id, String token) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"session.auth","params":{"token":"%s"}}""".formatted(id, token);
    }

    private static String handshake(int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"server.handshake","params":{"protocol_version":2}}""".formatted(id);
    }
}
