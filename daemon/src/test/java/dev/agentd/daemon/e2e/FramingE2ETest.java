package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawFrames;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.daemon.RawWebSocket.CloseFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Framing, request validation and batches (core §2, §2.1, §2.2) on authenticated connections.
 * Covers core §19 checks 25–28 and 30, plus the object kinds of §2 (notifications, responses to
 * server-initiated requests), fragmentation, ping and invalid UTF-8.
 */
class FramingE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String HANDSHAKE_RESULT =
            "{\"protocol_version\":2,\"server_version\":\"0.1.0\",\"client_protocol_version\":2}";
    private static final String INVALID_REQUEST = "${json-unit.regex}^invalid request: .*";

    /** Check 25. */
    @Test
    void binaryFrameClosesWith1003() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendBinary(handshake(1).getBytes(StandardCharsets.UTF_8));

        assertThat(raw.awaitClose(TIMEOUT)).isEqualTo(new CloseFrame(1003, "binary frames are not supported"));
        raw.expectNoMessage(Duration.ZERO);
    }

    @Test
    void textThatIsNotUtf8ClosesWith1007() throws Exception {
        try (RawFrames frames = RawFrames.open(agentd.httpBase())) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"".getBytes(StandardCharsets.US_ASCII));
            payload.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
            payload.write("\"}".getBytes(StandardCharsets.US_ASCII));

            frames.sendFrame(true, RawFrames.OPCODE_TEXT, payload.toByteArray());

            assertThat(frames.awaitClose().code()).isEqualTo(1007);
        }
    }

    /** Check 26. */
    @Test
    void invalidJsonIsAParseErrorAndTheConnectionStaysUsable() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("{\"jsonrpc\":\"2.0\",\"id\":1,")).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"${json-unit.regex}(?s)^parse error: .+"}}""");
        assertHandshakeAnswered(raw, 2);
    }

    /** Check 30; depth 256 is the limit, so a depth of 252 still parses. */
    @Test
    void nestingBeyondTheDepthLimitIsAParseErrorAndTheConnectionStaysOpen() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call(handshakeWithNestedArrays(1, 300))).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"${json-unit.regex}(?s)^parse error: .+"}}""");
        assertThatJson(raw.call(handshakeWithNestedArrays(2, 250))).isEqualTo(success(2, HANDSHAKE_RESULT));
    }

    /** Check 27, first part: the id is readable, so either echoing it or null is allowed. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"server.handshake\",\"params\":{\"protocol_version\":2}}",
            "{\"id\":1,\"method\":\"server.handshake\",\"params\":{\"protocol_version\":2}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5,\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server.handshake\",\"params\":5}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server.handshake\",\"params\":\"x\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server.handshake\",\"params\":true}"})
    void malformedRequestIsInvalid(String request) {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        JsonNode reply = raw.call(request);

        assertThatJson(reply).isEqualTo("""
                {"jsonrpc":"2.0","id":"${json-unit.ignore}","error":{"code":-32600,"message":"%s"}}""".formatted(INVALID_REQUEST));
        assertThat(reply.get("id").toString()).isIn("1", "null");
        assertHandshakeAnswered(raw, 2);
    }

    /** Check 27, second part. */
    @ParameterizedTest
    @ValueSource(strings = {"1.5", "true", "{\"n\":1}", "[1]"})
    void idThatIsNeitherStringNorIntegerIsInvalidWithNullId(String id) {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":%s,"method":"server.handshake","params":{"protocol_version":2}}""".formatted(id)))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"%s"}}""".formatted(INVALID_REQUEST));
    }

    /** Check 27, third part. */
    @Test
    void arrayParamsAreInvalidParams() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"server.handshake","params":[2]}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"invalid params: params must be an object"}}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {",\"params\":null", ""})
    void nullOrAbsentParamsAreAnEmptyObject(String params) {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"server.handshake"%s}""".formatted(params)))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"error":{"code":-32006,
                         "message":"protocol version mismatch: server speaks 2, client sent none"}}""");
    }

    @Test
    void unknownFieldsInParamsAreIgnored() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"server.handshake","params":{"protocol_version":2,"extra":{"a":[1]}}}"""))
                .isEqualTo(success(1, HANDSHAKE_RESULT));
    }

    @Test
    void stringIdIsEchoedAsAString() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":"req-7","method":"server.handshake","params":{"protocol_version":2}}"""))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"req-7\",\"result\":" + HANDSHAKE_RESULT + "}");
    }

    @Test
    void unknownMethodIsMethodNotFound() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"foo.bar","params":{}}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"method not found: foo.bar"}}""");
    }

    @Test
    void notificationIsExecutedButNeverAnswered() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendText("""
                {"jsonrpc":"2.0","method":"server.handshake","params":{"protocol_version":2}}""");
        raw.sendText("""
                {"jsonrpc":"2.0","method":"foo.bar","params":{}}""");

        assertHandshakeAnswered(raw, 3);
        raw.expectNoMessage(QUIET);
    }

    @Test
    void responsesToServerInitiatedRequestsAreIgnored() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendText("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":1}");
        raw.sendText("{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32000,\"message\":\"client failure\"}}");

        assertHandshakeAnswered(raw, 9);
        raw.expectNoMessage(QUIET);
        assertThat(raw.isClosed()).isFalse();
    }

    @Test
    void fragmentedMessageIsReassembled() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendFragmented(List.of("{\"jsonrpc\":\"2.0\",\"id\":", "11,\"method\":\"server.hand",
                "shake\",\"params\":{\"protocol_", "version\":2}}"));

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo(success(11, HANDSHAKE_RESULT));
    }

    @Test
    void pingIsAnsweredWithPongCarryingTheSameData() {
        RawWebSocket raw = agentd.connectRawAuthenticated();
        byte[] payload = "agentd-ping".getBytes(StandardCharsets.US_ASCII);

        raw.sendPing(payload);

        assertThat(raw.awaitPong(TIMEOUT)).isEqualTo(payload);
        assertHandshakeAnswered(raw, 1);
    }

    /** Check 28: the slow first element finishes last, yet the reply keeps request order. */
    @Test
    void batchReplyHoldsResponsesInRequestOrderWithoutNotifications() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendText("[" + testBlock(1, 300) + ","
                + "{\"jsonrpc\":\"2.0\",\"method\":\"server.handshake\",\"params\":{\"protocol_version\":2}},"
                + handshake(3) + "]");

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                [{"jsonrpc":"2.0","id":1,"result":{"slept_ms":"${json-unit.any-number}","concurrent":1}},
                 %s]""".formatted(success(3, HANDSHAKE_RESULT)));
    }

    @Test
    void emptyBatchIsOneInvalidRequest() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("[]")).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: empty batch"}}""");
        assertHandshakeAnswered(raw, 1);
    }

    @Test
    void batchOf257IsOneInvalidRequest() {
        RawWebSocket raw = agentd.connectRawAuthenticated();
        String batch = IntStream.rangeClosed(1, 257).mapToObj(FramingE2ETest::handshake)
                .collect(Collectors.joining(",", "[", "]"));

        assertThatJson(raw.call(batch)).isEqualTo("""
                {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: batch exceeds 256 elements"}}""");
        assertHandshakeAnswered(raw, 1000);
    }

    @Test
    void batchOf256IsAnswered() {
        RawWebSocket raw = agentd.connectRawAuthenticated();
        String batch = IntStream.rangeClosed(1, 256).mapToObj(FramingE2ETest::handshake)
                .collect(Collectors.joining(",", "[", "]"));

        JsonNode reply = raw.call(batch);

        assertThat(reply.isArray()).isTrue();
        assertThat(reply.findValuesAsText("id")).isEqualTo(
                IntStream.rangeClosed(1, 256).mapToObj(Integer::toString).toList());
    }

    @Test
    void invalidBatchElementsGetTheirOwnErrorWithNullId() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendText("[" + handshake(1) + ",5,{\"jsonrpc\":\"2.0\"},\"text\"," + handshake(2) + "]");

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                [%1$s,
                 {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"%3$s"}},
                 {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"%3$s"}},
                 {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"%3$s"}},
                 %2$s]""".formatted(success(1, HANDSHAKE_RESULT), success(2, HANDSHAKE_RESULT), INVALID_REQUEST));
    }

    @Test
    void batchOfOnlyNotificationsGetsNoReply() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendText("[{\"jsonrpc\":\"2.0\",\"method\":\"server.handshake\",\"params\":{\"protocol_version\":2}},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"test.block\",\"params\":{\"ms\":0}}]");

        assertHandshakeAnswered(raw, 1);
        raw.expectNoMessage(QUIET);
    }

    private static void assertHandshakeAnswered(RawWebSocket raw, int id) {
        assertThatJson(raw.call(handshake(id))).isEqualTo(success(id, HANDSHAKE_RESULT));
    }

    private static String handshake(int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"server.handshake","params":{"protocol_version":2}}""".formatted(id);
    }

    private static String testBlock(int id, int ms) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"test.block","params":{"ms":%d}}""".formatted(id, ms);
    }

    private static String success(int id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    private static String handshakeWithNestedArrays(int id, int depth) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"server.handshake","params":{"protocol_version":2,"deep":%s%s}}"""
                .formatted(id, "[".repeat(depth), "]".repeat(depth));
    }
}
