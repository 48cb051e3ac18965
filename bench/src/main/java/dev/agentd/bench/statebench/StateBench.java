package dev.agentd.bench.statebench;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentd.daemon.logging.DaemonLogging;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The StateBench harness of memory §11: replays every timeline of a split into a fresh graph
 * through the public {@code memory.*} API, builds a context at each query and scores it (context
 * recall over retrievable queries, resurrection rate, per track, next to the oracle points), then
 * writes a deterministic JSON report (only {@code latency} differs between runs).
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests -pl cli,bench -am
 * java -cp bench/target/agentd-bench.jar dev.agentd.bench.statebench.StateBench \
 *     --data ../shared/data/statebench --split dev --out bench/results/statebench-dev.json
 * ... --window 8192 --out bench/results/statebench-dev-8192.json          # the tight budget (B = 2000)
 * ... --mode daemon --agentd-jar cli/target/agentd.jar                    # over WebSocket, real daemon
 * </pre>
 *
 * Exit status 0 when the run completed, 1 when it failed, 2 on a usage error. Each run uses a
 * throwaway state root under the temp directory, deleted afterwards.
 */
public final class StateBench {
    private StateBench() {}

    public static void main(String[] args) {
        StateBenchOptions options;
        try {
            options = StateBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StateBench: " + e.getMessage());
            System.err.println(StateBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        DaemonLogging.configureConsole("warn");
        try {
            StateBenchReport report = run(options);
            System.out.printf("%s %s %s budget=%d: recall %.2f%% (%d/%d), resurrection %.2f%% (%d/%d); "
                            + "valid-state oracle %.2f%% / %.2f%%%n",
                    options.split(), report.mode(), options.modelContextWindow() == null ? "default" : "window="
                            + options.modelContextWindow(), report.budgetTokens(),
                    report.engine().contextRecallPct(), report.engine().recalled(), report.engine().retrievableQueries(),
                    report.engine().resurrectionRatePct(), report.engine().resurrected(),
                    report.engine().queriesWithMustNotMention(), report.oracles().validState().contextRecallPct(),
                    report.oracles().validState().resurrectionRatePct());
        } catch (RuntimeException e) {
            System.err.println("StateBench: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the options' split in their mode and writes the report (and the contexts, if asked). */
    public static StateBenchReport run(StateBenchOptions options) {
        List<Timeline> timelines = TimelineReader.read(options.splitFile());
        if (options.limit() > 0 && options.limit() < timelines.size()) {
            timelines = timelines.subList(0, options.limit());
        }
        StateBenchRun run = runIn(options, timelines);
        StateBenchReport report = StateBenchReport.of(options.split(), options.mode(), options.modelContextWindow(),
                timelines.size(), run.unresolvedRefs(), run.scores(), run.buildNanos());
        try {
            Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().toFile(), report);
            if (options.contexts() != null) {
                writeContexts(options.contexts(), run.contexts());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
        return report;
    }

    /** Replays the timelines against a fresh target of the options' mode. */
    public static StateBenchRun runIn(StateBenchOptions options, List<Timeline> timelines) {
        Path root = temporaryRoot();
        try (ReplayTarget target = options.mode().equals("daemon")
                ? DaemonTarget.start(options.agentdJar(), root)
                : new InProcessTarget(root)) {
            return StateBenchRun.run(timelines, target, options.runId(), options.modelContextWindow());
        } finally {
            deleteTree(root);
        }
    }

    private static void writeContexts(Path file, List<StateBenchRun.QueryContext> contexts) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (StateBenchRun.QueryContext context : contexts) {
                writer.write(Json.mapper().writeValueAsString(context));
                writer.write('\n');
            }
        }
    }

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("statebench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state root", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("StateBench: could not delete " + root + ": " + e);
        }
    }
}
