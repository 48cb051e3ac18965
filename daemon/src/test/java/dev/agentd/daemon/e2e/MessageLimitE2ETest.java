package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawFrames;
import dev.agentd.daemon.RawWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The message and frame size limits (core §2.1) with {@code --max-message-bytes 1048576}.
 * Covers core §19 check 29 and the single-frame hard limit (4 × the message limit → close 1009).
 */
class MessageLimitE2ETest {
    private static final int LIMIT = 1_048_576;

    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().maxMessageBytes(LIMIT).build();

    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;
    private static final String TOO_BIG = """
            {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request: message exceeds the 1048576-byte limit"}}""";
    private static final String HANDSHAKE_OK = """
            {"jsonrpc":"2.0","id":%d,"result":{"protocol_version":2,"server_version":"0.1.0","client_protocol_version":2}}""";

    /** Check 29. */
    @Test
    void messageOneByteOverTheLimitIsDiscardedAndTheConnectionKept() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call(handshakeOfExactly(LIMIT + 1, 1))).isEqualTo(TOO_BIG);
        assertThatJson(raw.call(handshakeOfExactly(100, 2))).isEqualTo(HANDSHAKE_OK.formatted(2));
    }

    @Test
    void messageOfExactlyTheLimitIsAnswered() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call(handshakeOfExactly(LIMIT, 1))).isEqualTo(HANDSHAKE_OK.formatted(1));
    }

    @Test
    void limitAppliesToTheReassembledMessageNotToEachFragment() {
        RawWebSocket raw = agentd.connectRawAuthenticated();
        String message = handshakeOfExactly(LIMIT + 1, 1);
        int third = message.length() / 3;

        raw.sendFragmented(List.of(message.substring(0, third), message.substring(third, 2 * third),
                message.substring(2 * third)));

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo(TOO_BIG);
        assertThatJson(raw.call(handshakeOfExactly(100, 2))).isEqualTo(HANDSHAKE_OK.formatted(2));
    }

    @Test
    void singleFrameOverFourTimesTheLimitClosesWith1009() throws IOException {
        try (RawFrames frames = RawFrames.open(agentd.httpBase())) {
            byte[] payload = new byte[4 * LIMIT + 1];
            Arrays.fill(payload, (byte) ' ');

            // The daemon may close before it has read the whole frame, so the write may fail.
            CompletableFuture.runAsync(() -> sendIgnoringFailure(frames, payload));

            assertThat(frames.awaitClose().code()).isEqualTo(1009);
        }
    }

    private static void sendIgnoringFailure(RawFrames frames, byte[] payload) {
        try {
            frames.sendFrame(true, RawFrames.OPCODE_TEXT, payload);
        } catch (IOException expected) {
            // the close frame is what the test asserts
        }
    }

    /** A valid handshake request padded with an ignored field to exactly {@code bytes} UTF-8 bytes. */
    private static String handshakeOfExactly(int bytes, int id) {
        String head = "{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"method\":\"server.handshake\",\"params\":{\"protocol_version\":2,\"pad\":\"";
        String tail = "\"}}";
        String message = head + "x".repeat(bytes - head.length() - tail.length()) + tail;
        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return message;
    }
}
