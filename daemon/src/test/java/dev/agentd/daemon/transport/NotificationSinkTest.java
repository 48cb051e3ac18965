package dev.agentd.daemon.transport;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.rpc.NotificationQueue;
import dev.agentd.daemon.rpc.NotificationSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notification writer of core §3 through the connection's handler on an
 * {@link io.netty.channel.embedded.EmbeddedChannel}: nothing before {@code start}, nothing while
 * the channel is not writable, a drain when writability returns, drops per queue when full.
 * Writability is switched with a user-defined writability bit, as a full outbound buffer would.
 */
class NotificationSinkTest {
    private static final int WRITABILITY_BIT = 1;
    private final RpcChannel rpc = new RpcChannel(new MethodRegistry(), false, Duration.ofSeconds(3));
    private final NotificationSink sink = rpc.sessions.live().iterator().next().connection().notifications();

    @AfterEach
    void noFrameLeftUnread() {
        assertFalse(rpc.channel.finish());
    }

    @Test
    void notificationsWaitForStartThenGoOutInOrder() {
        NotificationQueue queue = sink.open("test.event", 8, "test subscription");
        queue.offer(Map.of("n", 1));
        queue.offer(Map.of("n", 2));
        rpc.settle();
        rpc.assertNothingWritten();

        queue.start();
        queue.offer(Map.of("n", 3));
        rpc.settle();

        for (int n = 1; n <= 3; n++) {
            assertThatJson(rpc.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"test.event\",\"params\":{\"n\":" + n + "}}");
        }
        rpc.assertNothingWritten();
    }

    @Test
    void nothingIsWrittenWhileTheChannelIsNotWritableAndTheQueueDrainsAfter() {
        NotificationQueue queue = sink.open("test.event", 8, "test subscription");
        queue.start();
        setWritable(false);

        queue.offer(Map.of("n", 1));
        queue.offer(Map.of("n", 2));
        rpc.settle();
        rpc.assertNothingWritten();

        setWritable(true);
        rpc.settle();
        assertThatJson(rpc.next()).node("params.n").isEqualTo(1);
        assertThatJson(rpc.next()).node("params.n").isEqualTo(2);
        rpc.assertNothingWritten();
    }

    @Test
    void aFullQueueDropsNewNotificationsForItsOwnSubscriberOnly() {
        NotificationQueue slow = sink.open("slow.event", 2, "slow subscription");
        NotificationQueue roomy = sink.open("roomy.event", 8, "roomy subscription");
        slow.start();
        roomy.start();
        setWritable(false);

        for (int n = 1; n <= 3; n++) {
            assertThat(slow.offer(Map.of("n", n))).isEqualTo(n <= 2);
            assertThat(roomy.offer(Map.of("n", n))).isTrue();
        }
        assertThat(slow.offer(Map.of("n", 4))).isFalse();
        setWritable(true);
        rpc.settle();

        assertThat(slow.dropped()).isEqualTo(2);
        assertThat(roomy.dropped()).isZero();
        Map<String, List<Integer>> written = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            JsonNode frame = rpc.next();
            written.computeIfAbsent(frame.get("method").asText(), method -> new ArrayList<>()).add(frame.at("/params/n").asInt());
        }
        rpc.assertNothingWritten();
        // each queue keeps its own order; the order between queues is not defined
        assertThat(written).isEqualTo(Map.of("roomy.event", List.of(1, 2, 3), "slow.event", List.of(1, 2)));
    }

    @Test
    void aCancelledQueueDiscardsWhatItHeldAndAcceptsNothingMore() {
        NotificationQueue queue = sink.open("test.event", 8, "test subscription");
        queue.offer(Map.of("n", 1));

        queue.cancel();
        queue.start();
        rpc.settle();

        assertThat(queue.offer(Map.of("n", 2))).isFalse();
        rpc.assertNothingWritten();
    }

    private void setWritable(boolean writable) {
        rpc.channel.unsafe().outboundBuffer().setUserDefinedWritability(WRITABILITY_BIT, writable);
        rpc.settle();
    }
}
