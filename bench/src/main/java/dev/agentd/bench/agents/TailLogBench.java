package dev.agentd.bench.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.Daemon;
import dev.agentd.daemon.DaemonConfig;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * {@code agents.tail_log} latency on a 50 MiB log (agents §8 check 8; target < 1 s), end to end
 * through a real daemon over WebSocket: the daemon reads at most 8 MiB backwards from the end.
 *
 * <p>A load main rather than JMH: what is measured is one request/response over a socket against a
 * daemon with its own threads, where JMH's in-process harness adds nothing.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl bench -am
 * java -cp bench/target/agentd-bench.jar dev.agentd.bench.agents.TailLogBench [--calls 50] [--log-mib 50] [--n 100]
 * </pre>
 */
public final class TailLogBench {
    private TailLogBench() {}

    public static void main(String[] args) throws Exception {
        int calls = option(args, "--calls", 50);
        int logMib = option(args, "--log-mib", 50);
        int lines = option(args, "--n", 100);
        Path home = Files.createTempDirectory("agentd-taillog-bench");
        Daemon daemon = Daemon.start(DaemonConfig.defaults(home.resolve("home")).withPort(0));
        try (RpcClient client = AgentdConnector.connect(daemon.wsUri(),
                Credential.daemonToken(Files.readString(daemon.root().resolve("auth-token")).strip(), "bench"),
                null, Duration.ofSeconds(30))) {
            client.call("agents.upsert", Map.of("id", "chatty", "command", "/bin/sh"), Duration.ofSeconds(30));
            writeLog(daemon.root().resolve("logs/chatty.stdout.log"), logMib);
            Histogram latency = new Histogram(3);
            for (int i = 0; i < calls + 5; i++) {
                long start = System.nanoTime();
                JsonNode result = client.call("agents.tail_log", Map.of("id", "chatty", "n", lines), Duration.ofSeconds(30));
                long micros = (System.nanoTime() - start) / 1000;
                if (result.get("stdout").size() != lines || !result.get("more").asBoolean()) {
                    throw new IllegalStateException("unexpected tail_log result");
                }
                if (i >= 5) {
                    latency.recordValue(micros); // the first five warm up the JIT and the page cache
                }
            }
            System.out.println(Json.mapper().writeValueAsString(Map.of(
                    "benchmark", "agents.tail_log", "log_mib", logMib, "n", lines, "calls", calls,
                    "p50_ms", latency.getValueAtPercentile(50) / 1000.0,
                    "p99_ms", latency.getValueAtPercentile(99) / 1000.0,
                    "max_ms", latency.getMaxValue() / 1000.0)));
        } finally {
            daemon.close();
            deleteRecursively(home);
        }
    }

    private static void writeLog(Path log, int mib) throws IOException {
        Files.createDirectories(log.getParent());
        byte[] line = ("x".repeat(99) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[line.length * 10_000];
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(line, 0, block, i * line.length, line.length);
        }
        try (OutputStream out = Files.newOutputStream(log)) {
            for (long written = 0; written < (long) mib << 20; written += block.length) {
                out.write(block);
            }
        }
    }

    private static int option(String[] args, String name, int fallback) {
        int at = Arrays.asList(args).indexOf(name);
        return at >= 0 && at + 1 < args.length ? Integer.parseInt(args[at + 1]) : fallback;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
