package dev.agentd.bench.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.bench.load.CommandLineOptions;
import dev.agentd.bench.memory.CorpusGraphs;
import dev.agentd.bench.memory.SyntheticCorpus;
import dev.agentd.memgine.store.SecureFiles;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Prepares both sides of the MCP benchmark with the same facts: generates {@code synth-v1}
 * ({@link SyntheticCorpus}, memory §10) with {@code --facts} facts, loads it into a running
 * daemon's shared graph with {@code memory.load} over WebSocket, has the daemon write it back with
 * {@code memory.persist} — that export is what the peer serves, so the two fact lists are the
 * daemon's own — and writes the corpus' 1,000 queries as a JSON array for the load client.
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.mcp.McpCorpus \
 *     --data ../shared/data/statebench/train.jsonl --facts 1000 --url ws://127.0.0.1:9100/ \
 *     --token-file HOME/auth-token --home HOME --queries-out queries.json</pre>
 *
 * <p>Prints one JSON line {@code {"facts":1000,"valid_facts":…,"export":"<path>","queries":"<path>"}}.
 */
public final class McpCorpus {
    private static final Set<String> OPTIONS =
            Set.of("--data", "--facts", "--url", "--token", "--token-file", "--home", "--queries-out");
    private static final String LOAD_FILE = "mcp-bench-load.json";
    private static final String EXPORT_FILE = "mcp-bench-export.json";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private McpCorpus() {}

    public static void main(String[] args) throws IOException {
        CommandLineOptions options;
        int factCount;
        try {
            options = CommandLineOptions.parse(args, OPTIONS);
            factCount = options.integer("--facts", 1000, 10, 1_000_000);
            options.required("--url");
            options.required("--home");
            options.required("--queries-out");
        } catch (IllegalArgumentException e) {
            System.err.println("McpCorpus: " + e.getMessage());
            System.err.println("usage: McpCorpus --data TRAIN_JSONL --url ws://127.0.0.1:<port>/ --home DIR "
                    + "--queries-out FILE [--facts N] [--token T | --token-file F]");
            System.exit(2);
            return;
        }
        SyntheticCorpus corpus = SyntheticCorpus.generate(Path.of(options.required("--data")), factCount);
        Path files = memoryFiles(Path.of(options.required("--home")));
        CorpusGraphs.writeLoadFile(corpus.facts(), files.resolve(LOAD_FILE));
        long validFacts = loadIntoDaemon(URI.create(options.required("--url")), options.token().orElseThrow(
                () -> new IllegalArgumentException("--token or --token-file: required")));
        Path queries = Path.of(options.required("--queries-out"));
        Json.mapper().writeValue(queries.toFile(), corpus.queries());
        ObjectNode line = Json.mapper().createObjectNode()
                .put("facts", factCount)
                .put("valid_facts", validFacts)
                .put("export", files.resolve(EXPORT_FILE).toString())
                .put("queries", queries.toString());
        System.out.println(Json.mapper().writeValueAsString(line));
    }

    /** The daemon's memory file sandbox (memory §8.1), created 0700 as the daemon would. */
    private static Path memoryFiles(Path home) throws IOException {
        Path files = home.resolve("memory").resolve("files");
        SecureFiles.createDirectories(files);
        return files;
    }

    /** Loads the corpus into the shared graph and exports it; returns the valid fact count. */
    private static long loadIntoDaemon(URI url, String token) {
        try (RpcClient client = AgentdConnector.connect(url, Credential.daemonToken(token, "--token"), null, TIMEOUT)) {
            JsonNode loaded = client.call("memory.load", Map.of("path", LOAD_FILE), TIMEOUT);
            JsonNode exported = client.call("memory.persist", Map.of("path", EXPORT_FILE), TIMEOUT);
            if (loaded.asLong() != exported.asLong()) {
                throw new IllegalStateException("memory.load reported " + loaded + " valid facts, memory.persist " + exported);
            }
            return exported.asLong();
        }
    }
}
