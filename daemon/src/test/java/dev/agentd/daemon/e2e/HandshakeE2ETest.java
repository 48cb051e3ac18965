package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code server.handshake} (core §7) on authenticated connections, and the one method it gates,
 * {@code host.subscribe}. Covers core §19 check 22.
 */
class HandshakeE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final String RESULT = """
            {"jsonrpc":"2.0","id":%d,"result":{"protocol_version":2,"server_version":"0.1.0","client_protocol_version":2}}""";

    @Test
    void versionTwoIsAnsweredWithTheServerVersionAndTheEcho() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"server.handshake","params":{"protocol_version":2,"client_version":"0.1.0"}}"""))
                .isEqualTo(RESULT.formatted(1));
    }

    @Test
    void repeatingTheHandshakeIsIdempotent() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call(handshake(1, "2"))).isEqualTo(RESULT.formatted(1));
        assertThatJson(raw.call(handshake(2, "2"))).isEqualTo(RESULT.formatted(2));
    }

    /** The rendering of the string {@code "2"} in the message is not fixed by the spec; its prefix is. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"protocol_version\":1}                 | protocol version mismatch: server speaks 2, client sent 1",
            "{\"protocol_version\":3}                 | protocol version mismatch: server speaks 2, client sent 3",
            "{}                                       | protocol version mismatch: server speaks 2, client sent none",
            "{\"client_version\":\"0.1.0\"}           | protocol version mismatch: server speaks 2, client sent none",
            "{\"protocol_version\":\"2\"}             | protocol version mismatch: server speaks 2, client sent .+"})
    void anyOtherVersionIsAMismatch(String params, String messagePattern) {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"server.handshake","params":%s}""".formatted(params)))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"error":{"code":-32006,"message":"${json-unit.regex}^%s$"}}"""
                        .formatted(messagePattern));
    }

    @Test
    void aMismatchAfterSuccessLeavesTheConnectionUsable() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call(handshake(1, "2"))).isEqualTo(RESULT.formatted(1));
        assertThatJson(raw.call(handshake(2, "3"))).node("error.code").isEqualTo(-32006);
        assertThatJson(raw.call(handshake(3, "2"))).isEqualTo(RESULT.formatted(3));
    }

    /** Check 22: only {@code host.subscribe} waits for the handshake, and a later mismatch does not undo it. */
    @Test
    void hostSubscribeNeedsTheHandshakeAndKeepsWorkingAfterALaterMismatch() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call(subscribe(1))).isEqualTo("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"${json-unit.regex}^protocol handshake required:.*"}}""");
        assertThatJson(raw.call(handshake(2, "2"))).isEqualTo(RESULT.formatted(2));
        assertThatJson(raw.call(subscribe(3))).node("result.subscribed").isEqualTo(true);
        assertThatJson(raw.call(handshake(4, "3"))).node("error.code").isEqualTo(-32006);
        assertThatJson(raw.call(subscribe(5))).node("result.subscribed").isEqualTo(true);
    }

    private static String subscribe(int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"host.subscribe","params":{}}""".formatted(id);
    }

    private static String handshake(int id, String version) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"server.handshake","params":{"protocol_version":%s}}"""
                .formatted(id, version);
    }
}
