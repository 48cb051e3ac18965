package dev.agentd.bench.host;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.bench.fanout.BenchOptions;
import dev.agentd.bench.fanout.DaemonUnderTest;
import dev.agentd.bench.fanout.FanOutClock;
import dev.agentd.bench.fanout.Latencies;
import dev.agentd.bench.fanout.SubscriberConnection;
import dev.agentd.bench.fanout.Window;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code host.event} fan-out through a running daemon over WebSocket (host §4.1, §7): N
 * subscribers (default 100; host-token connections, each {@code host.subscribe}d, all on one
 * client event loop, see {@code SubscriberConnection}) and one mutator
 * (a daemon-token connection that registered an agent) calling {@code host.set_status} on it.
 * Each call carries {@code payload: {i}}, which the event repeats, so subscribers key arrivals by
 * it. For each depth (mutating calls in flight; default 1 and 8), after a warm-up, the benchmark
 * reports mutations/s, events delivered/s (all subscribers together), and p50/p99 of the time
 * from a call's reply to the arrival of its event at the last (100th) subscriber. An event that
 * reaches every subscriber before the mutator reads its reply counts as 0 and is counted. A
 * mutation whose event does not reach every subscriber within 5 s is counted as incomplete (a
 * subscriber's queue overflowed, host §7) and not timed.
 *
 * <p>A load main rather than JMH, for the reason given in {@code RunsBench}: the interval ends on
 * other connections of a daemon in another process. Results are JSON lines on stdout.
 *
 * <pre>
 * bench/run-runs-host.sh                      # builds, starts agentd, runs RunsBench and this
 * java -cp bench/target/agentd-bench.jar dev.agentd.bench.host.HostFanOutBench \
 *     --url ws://127.0.0.1:PORT/ --home AGENTD_HOME [--warmup 5s] [--duration 15s] \
 *     [--subscribers 100] [--depths 1,8]
 * </pre>
 */
public final class HostFanOutBench {
    private static final Set<String> OPTIONS = Set.of("--url", "--home", "--warmup", "--duration", "--subscribers",
            "--depths");
    private static final long FAN_OUT_TIMEOUT_MILLIS = 5_000;
    private static final String AGENT_ID = "bench-fanout-" + ProcessHandle.current().pid();

    private final Duration warmup;
    private final Duration duration;
    private final FanOutClock clock;
    private final RpcClient mutator;
    private long nextPayload;

    private HostFanOutBench(Duration warmup, Duration duration, FanOutClock clock, RpcClient mutator) {
        this.warmup = warmup;
        this.duration = duration;
        this.clock = clock;
        this.mutator = mutator;
    }

    public static void main(String[] args) throws Exception {
        // Netty's client-side DEBUG chatter through Logback would interleave with the results.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("HostFanOutBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        DaemonUnderTest daemon = DaemonUnderTest.of(options);
        int subscribers = options.integer("--subscribers", 100, 1);
        FanOutClock clock = new FanOutClock(subscribers);
        List<SubscriberConnection> hosts = new ArrayList<>();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (RpcClient mutator = daemon.connectClient()) {
            mutator.call("host.register_agent", Map.of("id", AGENT_ID, "name", "Fan-out bench", "kind", "bench"),
                    DaemonUnderTest.TIMEOUT);
            for (int i = 0; i < subscribers; i++) {
                hosts.add(subscribe(loop, daemon, clock));
            }
            HostFanOutBench bench = new HostFanOutBench(options.duration("--warmup", Duration.ofSeconds(5)),
                    options.duration("--duration", Duration.ofSeconds(15)), clock, mutator);
            for (int depth : options.integers("--depths", List.of(1, 8))) {
                System.out.println(bench.measure(subscribers, depth));
            }
        } finally {
            hosts.forEach(SubscriberConnection::close);
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        System.exit(0); // the mutator's WebSocket client leaves non-daemon threads behind
    }

    /** A host connection that reports the arrival time of each of the bench agent's status events. */
    private static SubscriberConnection subscribe(EventLoopGroup loop, DaemonUnderTest daemon, FanOutClock clock)
            throws Exception {
        SubscriberConnection host = SubscriberConnection.openHost(loop, daemon, (method, event, arrival) -> {
            if (method.equals("host.event") && AGENT_ID.equals(event.path("agent_id").asText())
                    && event.at("/payload/i").isNumber()) {
                clock.arrived(event.at("/payload/i").asLong(), arrival);
            }
        });
        host.call("host.subscribe", Map.of());
        return host;
    }

    /** A mutating call in flight: its payload key, when it was sent, and when its reply came. */
    private record Mutation(long key, long sentNanos, CompletableFuture<Long> repliedNanos) {}

    private ObjectNode measure(int subscribers, int depth) throws Exception {
        Window window = Window.startingNow(warmup, duration);
        Latencies fromReply = new Latencies();
        Deque<Mutation> inFlight = new ArrayDeque<>();
        long mutations = 0;
        long incomplete = 0;
        long deliveredBefore = -1;
        while (!window.over() || !inFlight.isEmpty()) {
            if (!window.over() && inFlight.size() < depth) {
                inFlight.addLast(send());
                continue;
            }
            if (deliveredBefore < 0 && window.measuring()) {
                deliveredBefore = clock.delivered();
            }
            Mutation oldest = inFlight.removeFirst();
            long replied = oldest.repliedNanos().get(DaemonUnderTest.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            boolean counted = window.contains(oldest.sentNanos(), replied);
            try {
                long last = clock.awaitLast(oldest.key(), FAN_OUT_TIMEOUT_MILLIS);
                if (counted) {
                    fromReply.record(last - replied);
                    mutations++;
                }
            } catch (TimeoutException e) {
                incomplete += counted ? 1 : 0;
            }
        }
        long delivered = clock.delivered() - Math.max(0, deliveredBefore);
        double seconds = duration.toNanos() / 1e9;
        return Json.mapper().createObjectNode().put("bench", "host.event fan-out").put("subscribers", subscribers)
                .put("depth", depth).put("duration_s", seconds).put("mutations", mutations)
                .put("mutations_per_s", round(mutations / seconds)).put("events_per_s", round(delivered / seconds))
                .put("reply_to_last_p50_ms", fromReply.percentileMillis(50))
                .put("reply_to_last_p99_ms", fromReply.percentileMillis(99))
                .put("all_events_before_reply", fromReply.negatives())
                .put("incomplete_fan_outs", incomplete);
    }

    private Mutation send() {
        long key = nextPayload++;
        ObjectNode params = Json.mapper().createObjectNode().put("agent_id", AGENT_ID)
                .put("status", key % 2 == 0 ? "running" : "idle").put("current_task", "step " + key);
        params.putObject("payload").put("i", key);
        long sent = System.nanoTime();
        CompletableFuture<Long> replied = mutator.callAsync("host.set_status", params).thenApply(ignored -> System.nanoTime());
        return new Mutation(key, sent, replied);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
