package dev.agentd.bench.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the {@link MemgineBench} results (JMH {@code -rf json} files) as one Markdown table: p50
 * and p99 per operation in milliseconds, the ratio to its baseline measured in the same runs (the
 * brute-force reference for {@code query}, the raw 100-byte fsync for {@code add_fact}) and the
 * target of memory §10 with whether the p50 meets it.
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.memory.MemgineBenchSummary RESULT.json...</pre>
 */
public final class MemgineBenchSummary {
    private MemgineBenchSummary() {}

    /** One JMH result: benchmark method, its params and the percentiles in ms. */
    record Result(String method, String facts, String impl, double p50, double p99) {
        static Result of(JsonNode result) {
            String benchmark = result.path("benchmark").asText();
            JsonNode metric = result.path("primaryMetric");
            double scale = toMillis(metric.path("scoreUnit").asText());
            JsonNode percentiles = metric.path("scorePercentiles");
            return new Result(benchmark.substring(benchmark.lastIndexOf('.') + 1),
                    result.path("params").path("facts").asText(""), result.path("params").path("impl").asText(""),
                    percentiles.path("50.0").asDouble() * scale, percentiles.path("99.0").asDouble() * scale);
        }

        private static double toMillis(String unit) {
            return switch (unit) {
                case "s/op" -> 1000.0;
                case "ms/op" -> 1.0;
                case "us/op" -> 0.001;
                case "ns/op" -> 0.000001;
                default -> throw new IllegalArgumentException("unexpected unit " + unit);
            };
        }
    }

    public static void main(String[] args) throws IOException {
        List<Result> results = new ArrayList<>();
        for (String file : args) {
            for (JsonNode result : Json.mapper().readTree(Path.of(file).toFile())) {
                results.add(Result.of(result));
            }
        }
        System.out.println("| operation | facts | p50 ms | p99 ms | baseline p50 ms | ratio | target (p50) | met |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Result result : results) {
            if (result.impl().equals("reference") || result.method().equals("fsyncAppend100Bytes")) {
                continue;
            }
            Optional<Result> baseline = baseline(result, results);
            Double target = target(result);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", operation(result),
                    result.facts().isEmpty() ? factsOf(result) : result.facts(), format(result.p50()),
                    format(result.p99()), baseline.map(b -> format(b.p50())).orElse("—"),
                    baseline.map(b -> ratio(result, b)).orElse("—"),
                    target == null ? "—" : "< " + format(target) + " ms",
                    target == null ? "—" : result.p50() < target ? "yes" : "no");
        }
    }

    private static Optional<Result> baseline(Result result, List<Result> results) {
        return results.stream().filter(candidate -> switch (result.method()) {
            case "query" -> candidate.method().equals("query") && candidate.impl().equals("reference")
                    && candidate.facts().equals(result.facts());
            case "addFactDurable" -> candidate.method().equals("fsyncAppend100Bytes");
            default -> false;
        }).findFirst();
    }

    /** The reference is slower ({@code ×} speed-up); the fsync floor is faster ({@code ×} its cost). */
    private static String ratio(Result result, Result baseline) {
        return result.method().equals("query")
                ? String.format(Locale.ROOT, "%.0f× faster than the reference", baseline.p50() / result.p50())
                : String.format(Locale.ROOT, "%.2f× the raw fsync", result.p50() / baseline.p50());
    }

    private static Double target(Result result) {
        return switch (result.method()) {
            case "query" -> result.facts().equals("10000") ? 1.0 : 10.0;
            case "addFactDurable" -> 1.0;
            case "load", "open" -> 2000.0;
            default -> null;
        };
    }

    private static String operation(Result result) {
        return switch (result.method()) {
            case "query" -> "memory.query (k=5)";
            case "addFactDurable" -> "memory.add_fact, durable";
            case "load" -> "memory.load of a 100k export";
            case "open" -> "open: 100k snapshot + 10k journal";
            case "buildContext" -> "memory.build_context";
            default -> result.method();
        };
    }

    private static String factsOf(Result result) {
        return result.method().equals("buildContext") ? "10000" : "100000";
    }

    private static String format(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : millis >= 1 ? String.format(Locale.ROOT, "%.2f", millis) : String.format(Locale.ROOT, "%.3f", millis);
    }
}
