package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-request deadline (core §4) with {@code --handler-timeout 1s}. Covers core §19 check 34.
 */
class DeadlineE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().handlerTimeout(Duration.ofSeconds(1)).build();

    /**
     * The handler would sleep 5 s; the -32004 must come well before that (a functional timeout,
     * core §18.2), exactly once, and the connection must stay usable.
     */
    @Test
    void handlerPastItsDeadlineIsAnsweredDeadlineExceededOnce() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendText("""
                {"jsonrpc":"2.0","id":1,"method":"test.block","params":{"ms":5000}}""");

        assertThatJson(raw.nextMessage(Duration.ofSeconds(4))).isEqualTo("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32004,
                 "message":"handler 'test.block' exceeded its 1s response deadline; the outcome is unknown"}}""");
        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":2,"method":"server.handshake","params":{"protocol_version":2}}"""))
                .node("result.protocol_version").isEqualTo(2);
        raw.expectNoMessage(Duration.ofMillis(500));
    }

    @Test
    void handlerWithinItsDeadlineIsAnsweredNormally() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        assertThatJson(raw.call("""
                {"jsonrpc":"2.0","id":1,"method":"test.block","params":{"ms":100}}"""))
                .isEqualTo("""
                        {"jsonrpc":"2.0","id":1,"result":{"slept_ms":"${json-unit.any-number}","concurrent":1}}""");
    }
}
