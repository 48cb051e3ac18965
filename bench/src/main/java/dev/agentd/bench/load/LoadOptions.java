package dev.agentd.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The command line of {@link LoadClient}. */
record LoadOptions(
        String label,
        LoopbackTarget target,
        int connections,
        int depth,
        Duration warmup,
        Duration duration,
        Optional<String> token,
        String method,
        JsonNode params,
        int threads,
        long serverPid) {

    static final String USAGE = """
            usage: LoadClient --url ws://127.0.0.1:<port>/ [--label NAME] [--connections N] [--depth D]
                              [--warmup DUR] [--duration DUR] [--token T | --token-file F]
                              [--method M] [--params JSON] [--threads T] [--server-pid PID]""";
    private static final String HANDSHAKE = "server.handshake";
    private static final Set<String> NAMES = Set.of("--url", "--label", "--connections", "--depth",
            "--warmup", "--duration", "--token", "--token-file", "--method", "--params", "--threads", "--server-pid");

    LoadOptions {
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration: 0 (expected: > 0)");
        }
    }

    static LoadOptions parse(String[] args) {
        CommandLineOptions options = CommandLineOptions.parse(args, NAMES);
        String url = options.required("--url");
        String method = options.text("--method", HANDSHAKE);
        return new LoadOptions(
                options.text("--label", url),
                LoopbackTarget.parse(url),
                options.integer("--connections", 64, 1, 10_000),
                options.integer("--depth", 8, 1, 256),
                options.duration("--warmup", Duration.ofSeconds(10)),
                options.duration("--duration", Duration.ofSeconds(20)),
                options.token(),
                method,
                params(options.text("--params"), method),
                options.integer("--threads", Runtime.getRuntime().availableProcessors(), 1, 64),
                options.integer("--server-pid", 0, 0, Integer.MAX_VALUE));
    }

    private static JsonNode params(Optional<String> json, String method) {
        if (json.isEmpty()) {
            return HANDSHAKE.equals(method) ? SetupStep.handshakeParams() : Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(json.get());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--params: not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
