package dev.agentd.bench.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.bench.load.CommandLineOptions;
import dev.agentd.bench.load.LoopbackTarget;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The command line of {@link McpLoadClient}. */
record McpLoadOptions(
        String label,
        LoopbackTarget target,
        int connections,
        Duration warmup,
        Duration duration,
        Optional<String> token,
        List<String> queries,
        int k,
        int threads,
        long serverPid) {

    static final String USAGE = """
            usage: McpLoadClient --url http://127.0.0.1:<port>/mcp --queries FILE [--label NAME]
                                 [--connections N] [--warmup DUR] [--duration DUR] [--k K]
                                 [--token T | --token-file F] [--threads T] [--server-pid PID]""";
    private static final Set<String> NAMES = Set.of("--url", "--queries", "--label", "--connections", "--warmup",
            "--duration", "--k", "--token", "--token-file", "--threads", "--server-pid");

    McpLoadOptions {
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration: 0 (expected: > 0)");
        }
        queries = List.copyOf(queries);
    }

    static McpLoadOptions parse(String[] args) {
        CommandLineOptions options = CommandLineOptions.parse(args, NAMES);
        String url = options.required("--url");
        return new McpLoadOptions(
                options.text("--label", url),
                LoopbackTarget.parse(url, "http", "/mcp"),
                options.integer("--connections", 16, 1, 1_000),
                options.duration("--warmup", Duration.ofSeconds(10)),
                options.duration("--duration", Duration.ofSeconds(20)),
                options.token(),
                queries(Path.of(options.required("--queries"))),
                options.integer("--k", 5, 1, 50),
                options.integer("--threads", Runtime.getRuntime().availableProcessors(), 1, 64),
                options.integer("--server-pid", 0, 0, Integer.MAX_VALUE));
    }

    /** A JSON array of non-empty query strings, as {@link McpCorpus} writes it. */
    private static List<String> queries(Path file) {
        JsonNode array;
        try {
            array = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--queries: cannot read " + file + ": " + e.getMessage(), e);
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("--queries: " + file + " (expected: a non-empty JSON array of strings)");
        }
        List<String> queries = new ArrayList<>(array.size());
        for (JsonNode query : array) {
            if (!query.isTextual() || query.asText().isEmpty()) {
                throw new IllegalArgumentException("--queries: " + file + ": not a non-empty string: " + query);
            }
            queries.add(query.asText());
        }
        return queries;
    }
}
