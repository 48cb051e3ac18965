package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrency on and across connections (core §3) with {@code test.block} (core §18.1).
 * Covers core §19 checks 31, 32 and 33.
 */
class ConcurrencyE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;
    private static final int IN_FLIGHT_CAP = 256;

    /** Check 31. */
    @Test
    void fastRequestOvertakesASlowOneOnTheSameConnection() {
        RawWebSocket raw = agentd.connectRawAuthenticated();

        raw.sendText("""
                {"jsonrpc":"2.0","id":1,"method":"test.block","params":{"ms":2000}}""");
        raw.sendText("""
                {"jsonrpc":"2.0","id":2,"method":"test.block","params":{"ms":0}}""");

        assertThatJson(raw.nextMessage(TIMEOUT)).isEqualTo("""
                {"jsonrpc":"2.0","id":2,"result":{"slept_ms":"${json-unit.any-number}","concurrent":"${json-unit.any-number}"}}""");
        JsonNode slow = raw.nextMessage(TIMEOUT);
        assertThatJson(slow).isEqualTo("""
                {"jsonrpc":"2.0","id":1,"result":{"slept_ms":"${json-unit.any-number}","concurrent":"${json-unit.any-number}"}}""");
        assertThat(slow.at("/result/slept_ms").asLong()).isGreaterThanOrEqualTo(2000);
    }

    /** Check 32: the cap is reached (handlers do run concurrently) and never exceeded. */
    @Test
    void atMost256HandlersRunConcurrentlyAndEveryRequestIsAnswered() {
        RpcClient client = agentd.connect();

        List<CompletableFuture<JsonNode>> replies = IntStream.range(0, 300)
                .mapToObj(i -> client.callAsync("test.block", block(2500)))
                .toList();

        await().atMost(Duration.ofSeconds(45)).until(() -> replies.stream().allMatch(CompletableFuture::isDone));
        List<Integer> concurrent = replies.stream().map(reply -> reply.join().get("concurrent").asInt()).toList();
        assertThat(concurrent).hasSize(300).allSatisfy(count -> assertThat(count).isBetween(1, IN_FLIGHT_CAP));
        assertThat(concurrent).contains(IN_FLIGHT_CAP);
    }

    /**
     * Check 33. The 1 s bound is a functional timeout (core §18.2): each of B's calls must be
     * answered within it while A's 256 handlers block.
     */
    @Test
    void blockedConnectionDoesNotDelayAnotherConnection() {
        RpcClient blocked = agentd.connect();
        RpcClient other = agentd.connect();

        List<CompletableFuture<JsonNode>> blockedReplies = IntStream.range(0, IN_FLIGHT_CAP)
                .mapToObj(i -> blocked.callAsync("test.block", block(4000)))
                .toList();
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        int calls = 0;
        while (System.nanoTime() < end) {
            JsonNode result = other.call("server.handshake", handshake(), Duration.ofSeconds(1));
            assertThat(result.get("protocol_version").asInt()).isEqualTo(2);
            calls++;
        }
        boolean blockedAnsweredMeanwhile = blockedReplies.stream().anyMatch(CompletableFuture::isDone);

        assertThat(calls).isPositive();
        assertThat(blockedAnsweredMeanwhile).as("A's requests were still blocking during B's calls").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> blockedReplies.stream().allMatch(CompletableFuture::isDone));
        assertThat(blockedReplies.stream().mapToInt(reply -> reply.join().get("concurrent").asInt()).max())
                .hasValue(IN_FLIGHT_CAP);
    }

    private static ObjectNode block(int ms) {
        return Json.mapper().createObjectNode().put("ms", ms);
    }

    private static ObjectNode handshake() {
        return Json.mapper().createObjectNode().put("protocol_version", 2);
    }
}
