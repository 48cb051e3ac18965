package dev.agentd.bench.runs;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Run traces through a running daemon over WebSocket (runs specification):
 *
 * <ol>
 *   <li><b>{@code runs.record_turns} throughput</b> with the daemon's fsync per batch, for each
 *       batch size (default 1 and 64 turns of about 500 bytes) and each number of writers
 *       (default 1 and 4): every writer is an agent's bound connection with one call in flight,
 *       starting a new run whenever one is full (2000 turns; that time counts, it is part of
 *       recording). Reported: batches/s, turns/s, and the call latency p50/p99.</li>
 *   <li><b>Subscribe fan-out</b> to 16 subscribers (host-token connections, each
 *       {@code runs.subscribe}d to the writer's run, all on one client event loop, see
 *       {@code SubscriberConnection}): one-turn appends, one at a time, each waited
 *       for until all 16 {@code runs.trace.event}s have arrived. Reported: p50/p99 of the time
 *       from the append's reply to the 16th subscriber's event (an event that beats the reply
 *       counts as 0 and is counted), the same from the request's send, and events delivered/s.</li>
 * </ol>
 *
 * <p>A load main rather than JMH: what is measured spans several connections (a reply on one,
 * events on sixteen others) of a daemon in another process, which JMH's per-invocation timing
 * cannot express; warm-up and a fixed measurement window are done here instead, and latencies go
 * to HdrHistogram. Results are JSON lines on stdout.
 *
 * <pre>
 * bench/run-runs-host.sh                      # builds, starts agentd, runs this and HostFanOutBench
 * java -cp bench/target/agentd-bench.jar dev.agentd.bench.runs.RunsBench \
 *     --url ws://127.0.0.1:PORT/ --home AGENTD_HOME [--warmup 5s] [--duration 15s] \
 *     [--batches 1,64] [--writers 1,4] [--subscribers 16]
 * </pre>
 */
public final class RunsBench {
    private static final Set<String> OPTIONS = Set.of("--url", "--home", "--warmup", "--duration", "--batches",
            "--writers", "--subscribers");
    private static final long FAN_OUT_TIMEOUT_MILLIS = 10_000;

    private final DaemonUnderTest daemon;
    private final Duration warmup;
    private final Duration duration;
    private int agentsRegistered;

    private RunsBench(DaemonUnderTest daemon, Duration warmup, Duration duration) {
        this.daemon = daemon;
        this.warmup = warmup;
        this.duration = duration;
    }

    public static void main(String[] args) throws Exception {
        // Netty's client-side DEBUG chatter through Logback would interleave with the results.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("RunsBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        RunsBench bench = new RunsBench(DaemonUnderTest.of(options),
                options.duration("--warmup", Duration.ofSeconds(5)), options.duration("--duration", Duration.ofSeconds(15)));
        try (RpcClient admin = bench.daemon.connectClient()) {
            for (int writers : options.integers("--writers", List.of(1, 4))) {
                for (int batch : options.integers("--batches", List.of(1, 64))) {
                    print(bench.recordTurns(admin, batch, writers));
                }
            }
            print(bench.fanOut(admin, options.integer("--subscribers", 16, 1)));
        }
        System.exit(0); // the WebSocket clients leave non-daemon threads behind
    }

    private static void print(ObjectNode result) {
        System.out.println(result);
    }

    private String newAgentId(String role) {
        return "bench-" + role + "-" + ProcessHandle.current().pid() + "-" + (++agentsRegistered);
    }

    /** Phase 1: {@code writers} bound connections appending {@code batch} turns per call. */
    private ObjectNode recordTurns(RpcClient admin, int batch, int writers) throws Exception {
        List<TurnWriter> turnWriters = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            turnWriters.add(new TurnWriter(daemon.connectAsAgent(admin, newAgentId("writer"))));
        }
        Window window = Window.startingNow(warmup, duration);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<WriterTally>> tallies = new ArrayList<>();
            for (TurnWriter writer : turnWriters) {
                tallies.add(threads.submit(() -> write(writer, batch, window)));
            }
            Latencies latencies = new Latencies();
            long batches = 0;
            long rotations = 0;
            for (Future<WriterTally> tally : tallies) {
                WriterTally done = tally.get();
                done.latencies().forEach(latencies::record);
                batches += done.batches();
                rotations += done.rotations();
            }
            double seconds = duration.toNanos() / 1e9;
            return Json.mapper().createObjectNode().put("bench", "runs.record_turns")
                    .put("batch", batch).put("writers", writers).put("duration_s", seconds)
                    .put("batches", batches).put("turns", batches * batch)
                    .put("batches_per_s", round(batches / seconds)).put("turns_per_s", round(batches * batch / seconds))
                    .put("p50_ms", latencies.percentileMillis(50)).put("p99_ms", latencies.percentileMillis(99))
                    .put("run_rotations", rotations);
        } finally {
            threads.shutdownNow();
            turnWriters.forEach(TurnWriter::close);
        }
    }

    /** What one writer did inside the measurement window. */
    private record WriterTally(List<Long> latencies, long batches, long rotations) {}

    private static WriterTally write(TurnWriter writer, int batch, Window window) {
        List<Long> latencies = new ArrayList<>();
        long batches = 0;
        long rotations = 0;
        while (!window.over()) {
            if (writer.full(batch)) {
                writer.rotate();
                rotations += window.measuring() ? 1 : 0;
            }
            long sent = System.nanoTime();
            writer.append(batch);
            long replied = System.nanoTime();
            if (window.contains(sent, replied)) {
                latencies.add(replied - sent);
                batches++;
            }
        }
        return new WriterTally(latencies, batches, rotations);
    }

    /** Phase 2: one writer, {@code subscribers} host connections subscribed to its run. */
    private ObjectNode fanOut(RpcClient admin, int subscribers) throws Exception {
        FanOutClock clock = new FanOutClock(subscribers);
        List<SubscriberConnection> hosts = new ArrayList<>();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (TurnWriter writer = new TurnWriter(daemon.connectAsAgent(admin, newAgentId("traced")))) {
            CurrentRun current = new CurrentRun(writer.runId());
            for (int i = 0; i < subscribers; i++) {
                hosts.add(SubscriberConnection.openHost(loop, daemon, (method, params, arrival) -> {
                    if (method.equals("runs.trace.event") && current.is(params.path("run_id").asText())
                            && params.at("/record/record").asText().equals("turn")) {
                        clock.arrived(params.path("cursor").asLong(), arrival);
                    }
                }));
            }
            subscribeAll(hosts, writer.runId());
            Latencies fromReply = new Latencies();
            Latencies fromSend = new Latencies();
            Window window = Window.startingNow(warmup, duration);
            long deliveredBefore = -1;
            while (!window.over()) {
                if (writer.full(1)) {
                    writer.rotate();
                    clock.reset();
                    current.set(writer.runId());
                    subscribeAll(hosts, writer.runId());
                }
                if (deliveredBefore < 0 && window.measuring()) {
                    deliveredBefore = clock.delivered();
                }
                long sent = System.nanoTime();
                int cursor = writer.append(1);
                long replied = System.nanoTime();
                long last = awaitFanOut(clock, cursor);
                if (window.contains(sent, replied)) {
                    fromReply.record(last - replied);
                    fromSend.record(last - sent);
                }
            }
            long delivered = clock.delivered() - Math.max(0, deliveredBefore);
            double seconds = duration.toNanos() / 1e9;
            return Json.mapper().createObjectNode().put("bench", "runs.subscribe fan-out")
                    .put("subscribers", subscribers).put("duration_s", seconds).put("appends", fromReply.count())
                    .put("events_per_s", round(delivered / seconds))
                    .put("reply_to_last_p50_ms", fromReply.percentileMillis(50))
                    .put("reply_to_last_p99_ms", fromReply.percentileMillis(99))
                    .put("all_events_before_reply", fromReply.negatives())
                    .put("send_to_last_p50_ms", fromSend.percentileMillis(50))
                    .put("send_to_last_p99_ms", fromSend.percentileMillis(99));
        } finally {
            hosts.forEach(SubscriberConnection::close);
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static long awaitFanOut(FanOutClock clock, int cursor) throws InterruptedException {
        try {
            return clock.awaitLast(cursor, FAN_OUT_TIMEOUT_MILLIS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("turn " + cursor + " did not reach every subscriber within "
                    + FAN_OUT_TIMEOUT_MILLIS + " ms: the benchmark measures nothing when events are lost");
        }
    }

    private static void subscribeAll(List<SubscriberConnection> hosts, String runId) throws Exception {
        for (SubscriberConnection host : hosts) {
            host.call("runs.subscribe", Map.of("run_id", runId));
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The run whose events count; events of a completed run still in flight are ignored. */
    private static final class CurrentRun {
        private volatile String runId;

        CurrentRun(String runId) {
            this.runId = runId;
        }

        boolean is(String candidate) {
            return runId.equals(candidate);
        }

        void set(String runId) {
            this.runId = runId;
        }
    }
}
