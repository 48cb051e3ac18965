package dev.agentd.daemon.e2e;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.daemon.RawWebSocket.CloseFrame;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code session.auth} with the daemon and host tokens (core §6.2–§6.4): results, mismatches, the
 * five-failure limit, shape errors. Covers core §19 checks 12, 13, 14, 18 and 35.
 */
class SessionAuthE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;
    private static final String CLIENT_ID = "${json-unit.regex}^c-[0-9a-f]{16}$";
    private static final String TOKEN_MISMATCH = """
            {"jsonrpc":"2.0","id":%d,"error":{"code":-32603,"message":"auth failed: token mismatch"}}""";

    @Test
    void daemonTokenAuthenticatesWithoutRole() {
        RpcClient client = agentd.open();

        JsonNode result = client.call("session.auth", credential("token", agentd.authToken()), TIMEOUT);

        assertThatJson(result).isEqualTo("""
                {"ok":true,"auth_enabled":true,"client_id":"%s"}""".formatted(CLIENT_ID));
    }

    @Test
    void hostTokenAuthenticatesWithTheHostRole() {
        RpcClient client = agentd.open();

        JsonNode result = client.call("session.auth", credential("host_token", agentd.hostToken()), TIMEOUT);

        assertThatJson(result).isEqualTo("""
                {"ok":true,"auth_enabled":true,"client_id":"%s","role":"host"}""".formatted(CLIENT_ID));
    }

    @Test
    void clientIdIsPerConnectionAndSurvivesReAuth() {
        RpcClient first = agentd.open();
        RpcClient second = agentd.open();

        String firstId = authWithDaemonToken(first);
        String firstAgain = first.call("session.auth", credential("host_token", agentd.hostToken()), TIMEOUT)
                .get("client_id").asText();
        String secondId = authWithDaemonToken(second);

        assertThat(firstAgain).isEqualTo(firstId);
        assertThat(secondId).isNotEqualTo(firstId);
    }

    /** Check 12. */
    @Test
    void wrongTokenIsAMismatchThatKeepsTheSocketOpen() {
        RawWebSocket raw = agentd.connectRaw();

        assertThatJson(raw.call(sessionAuth(1, "token", "wrong"))).isEqualTo(TOKEN_MISMATCH.formatted(1));
        JsonNode retry = raw.call(sessionAuth(2, "token", agentd.authToken()));

        assertThatJson(retry).isEqualTo("""
                {"jsonrpc":"2.0","id":2,"result":{"ok":true,"auth_enabled":true,"client_id":"%s"}}""".formatted(CLIENT_ID));
    }

    @Test
    void wrongHostTokenIsAMismatch() {
        RawWebSocket raw = agentd.connectRaw();

        assertThatJson(raw.call(sessionAuth(1, "host_token", agentd.authToken()))).isEqualTo(TOKEN_MISMATCH.formatted(1));
        assertThat(raw.isClosed()).isFalse();
    }

    /** Check 13, first half. */
    @Test
    void fifthMismatchClosesTheConnection() {
        RawWebSocket raw = agentd.connectRaw();

        for (int id = 1; id <= 5; id++) {
            raw.sendText(sessionAuth(id, "token", "wrong-" + id));
        }

        for (int id = 1; id <= 5; id++) {
            assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo(TOKEN_MISMATCH.formatted(id));
        }
        assertThat(raw.awaitClose(TIMEOUT)).isEqualTo(new CloseFrame(1008, "too many failed auth attempts"));
    }

    /** Check 13, second half, and check 18: shape errors in between do not count. */
    @Test
    void fourMismatchesAndAnyNumberOfShapeErrorsStillAllowTheRightToken() {
        RawWebSocket raw = agentd.connectRaw();
        for (int id = 1; id <= 4; id++) {
            assertThatJson(raw.call(sessionAuth(id, "token", "wrong"))).isEqualTo(TOKEN_MISMATCH.formatted(id));
        }

        List<String> shapeErrors = List.of(
                "{\"token\":\"%s\",\"host_token\":\"%s\"}".formatted(agentd.authToken(), agentd.hostToken()),
                "{}",
                "{\"token\":\"%s\",\"memory_namespace\":\"\"}".formatted(agentd.authToken()),
                "{\"host_token\":\"%s\",\"agent_id\":\"trader\"}".formatted(agentd.hostToken()),
                "{\"token\":42}",
                "{\"client_version\":\"0.1.0\"}");
        int id = 10;
        for (String shapeError : shapeErrors) {
            JsonNode reply = raw.call("""
                    {"jsonrpc":"2.0","id":%d,"method":"session.auth","params":%s}""".formatted(id, shapeError));
            assertThatJson(reply).as(shapeError).isEqualTo("""
                    {"jsonrpc":"2.0","id":%d,"error":{"code":-32602,"message":"${json-unit.regex}^invalid params: .*"}}"""
                    .formatted(id++));
        }

        assertThatJson(raw.call(sessionAuth(20, "token", agentd.authToken()))).node("result.ok").isEqualTo(true);
    }

    @Test
    void mismatchAfterSuccessKeepsThePreviousPrincipal() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call(sessionAuth(1, "token", "wrong"))).isEqualTo(TOKEN_MISMATCH.formatted(1));

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":2,"method":"server.handshake","params":{"protocol_version":2}}"""))
                .node("result.protocol_version").isEqualTo(2);
    }

    /** Check 35, and re-auth replacing the principal as a whole (core §6.3). */
    @Test
    void shutdownNeedsTheHostRoleWhichReAuthWithTheDaemonTokenDrops() {
        RpcClient daemonClient = agentd.connect();
        RpcClient reAuthed = agentd.connectHost();
        authWithDaemonToken(reAuthed);

        assertRpcError(() -> daemonClient.call("server.shutdown", null, TIMEOUT),
                ErrorCodes.INTERNAL_ERROR, "host role required: server.shutdown");
        assertRpcError(() -> reAuthed.call("server.shutdown", null, TIMEOUT),
                ErrorCodes.INTERNAL_ERROR, "host role required: server.shutdown");
        assertThat(daemonClient.call("test.block", Json.mapper().createObjectNode().put("ms", 0), TIMEOUT).get("concurrent").asInt())
                .isEqualTo(1);
    }

    private static String authWithDaemonToken(RpcClient client) {
        return client.call("session.auth", credential("token", agentd.authToken()), TIMEOUT)
                .get("client_id").asText();
    }

    private static String sessionAuth(int id, String field, String value) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"session.auth","params":{"%s":"%s"}}""".formatted(id, field, value);
    }

    private static ObjectNode credential(String field, String value) {
        return Json.mapper().createObjectNode().put(field, value);
    }
}
