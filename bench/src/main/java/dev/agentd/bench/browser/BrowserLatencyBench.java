package dev.agentd.bench.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The browser latencies of browser §13.4, at the client, through a running daemon's WebSocket:
 *
 * <ul>
 *   <li><b>cold</b>: {@code browser.run [navigate <page>, observe]} on a fresh connection (empty
 *       slot, so the call launches Chromium), timed from sending the request to its reply; then
 *       {@code browser.close} and the connection is closed, so the next sample starts with no
 *       browser closing in the background;</li>
 *   <li><b>warm</b>: on one connection whose browser shows the page,
 *       {@code browser.run [click <checkbox "Subscribe">, observe]} (no navigation, default
 *       {@code settle_ms} 50), after a number of warm-up calls;</li>
 *   <li><b>warm_settle_0</b>, for reading the warm figure only: the same with {@code settle_ms: 0},
 *       i.e. without the 50 ms a click waits by default for a navigation to start (browser §7.3).</li>
 * </ul>
 * Every call must answer {@code ok: true}, otherwise the run fails (exit 1). Output: one JSON line
 * {@code {"label":"agentd","cold":{samples,p50_ms,p90_ms,min_ms,max_ms},"warm":{…},"warm_settle_0":{…}}}.
 *
 * <pre>
 * bench/run-browser.sh       # builds, starts a daemon and the page server, runs this and the Playwright peer
 * java -cp bench/target/agentd-bench.jar dev.agentd.bench.browser.BrowserLatencyBench \
 *     --url ws://127.0.0.1:9100/ --token-file ~/.agentd/auth-token --page http://127.0.0.1:8123/form.html \
 *     [--cold 5] [--warm 20] [--warmups 3]
 * </pre>
 */
public final class BrowserLatencyBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> OPTIONS = Set.of("--url", "--token-file", "--page", "--cold", "--warm", "--warmups");

    private final URI url;
    private final Credential credential;
    private final String page;

    private BrowserLatencyBench(URI url, Credential credential, String page) {
        this.url = url;
        this.credential = credential;
        this.page = page;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options;
        int coldSamples;
        int warmups;
        int warmSamples;
        try {
            options = parse(args);
            coldSamples = count(options, "--cold", 5);
            warmups = count(options, "--warmups", 3);
            warmSamples = count(options, "--warm", 20);
        } catch (IllegalArgumentException e) {
            System.err.println("BrowserLatencyBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path tokenFile = Path.of(options.get("--token-file"));
        BrowserLatencyBench bench = new BrowserLatencyBench(URI.create(options.get("--url")),
                Credential.daemonToken(Files.readString(tokenFile).strip(), tokenFile.toString()), options.get("--page"));
        try {
            LatencySummary cold = bench.cold(coldSamples);
            LatencySummary warm = bench.warm(warmups, warmSamples, null);
            LatencySummary warmWithoutSettle = bench.warm(warmups, warmSamples, 0);
            System.out.println(Json.mapper().writeValueAsString(report(cold, warm, warmWithoutSettle)));
        } catch (RuntimeException e) {
            System.err.println("BrowserLatencyBench: " + e);
            System.exit(1);
        }
    }

    private LatencySummary cold(int samples) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            try (RpcClient client = connect()) {
                long start = System.nanoTime();
                JsonNode trace = run(client, navigate(), step("observe"));
                millis.add(elapsedMillis(start));
                requireLaunched(trace);
                client.call("browser.close", null, TIMEOUT);
            }
        }
        return LatencySummary.of(millis);
    }

    /** @param settleMs the click's {@code settle_ms}, or null for the default (50) */
    private LatencySummary warm(int warmups, int samples, Integer settleMs) {
        try (RpcClient client = connect()) {
            JsonNode observed = run(client, navigate(), step("observe")).path("steps").get(1).path("result");
            String checkbox = idOf(observed, "checkbox", "Subscribe");
            for (int i = 0; i < warmups; i++) {
                clickAndObserve(client, checkbox, settleMs);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                JsonNode trace = clickAndObserve(client, checkbox, settleMs);
                millis.add(elapsedMillis(start));
                checkbox = idOf(trace.path("steps").get(1).path("result"), "checkbox", "Subscribe");
            }
            client.call("browser.close", null, TIMEOUT);
            return LatencySummary.of(millis);
        }
    }

    /** Clicking the checkbox toggles it and navigates nowhere; the observe renumbers the page. */
    private JsonNode clickAndObserve(RpcClient client, String checkbox, Integer settleMs) {
        ObjectNode click = step("click").put("element_id", checkbox);
        if (settleMs != null) {
            click.put("settle_ms", settleMs);
        }
        return run(client, click, step("observe"));
    }

    private RpcClient connect() {
        return AgentdConnector.connect(url, credential, null, TIMEOUT);
    }

    private static JsonNode run(RpcClient client, ObjectNode... steps) {
        ObjectNode params = Json.mapper().createObjectNode();
        ArrayNode script = params.putArray("script");
        for (ObjectNode step : steps) {
            script.add(step);
        }
        JsonNode trace = client.call("browser.run", params, TIMEOUT);
        if (!trace.path("ok").asBoolean(false)) {
            throw new IllegalStateException("browser.run failed: " + trace);
        }
        return trace;
    }

    private ObjectNode navigate() {
        return step("navigate").put("url", page);
    }

    private static ObjectNode step(String op) {
        return Json.mapper().createObjectNode().put("op", op);
    }

    private static void requireLaunched(JsonNode trace) {
        if (!trace.path("session").path("launched").asBoolean(false)) {
            throw new IllegalStateException("a cold sample reused a browser: " + trace.path("session"));
        }
    }

    private static String idOf(JsonNode observation, String role, String name) {
        for (JsonNode element : observation.path("elements")) {
            if (element.path("role").asText().equals(role) && element.path("name").asText().equals(name)) {
                return element.path("id").asText();
            }
        }
        throw new IllegalStateException("no " + role + " '" + name + "' in " + observation.path("compact").asText());
    }

    private static double elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    private static ObjectNode report(LatencySummary cold, LatencySummary warm, LatencySummary warmWithoutSettle) {
        ObjectNode report = Json.mapper().createObjectNode().put("label", "agentd");
        report.set("cold", summary(cold));
        report.set("warm", summary(warm));
        report.set("warm_settle_0", summary(warmWithoutSettle));
        return report;
    }

    private static ObjectNode summary(LatencySummary summary) {
        return Json.mapper().createObjectNode()
                .put("samples", summary.samples())
                .put("p50_ms", round(summary.p50Ms()))
                .put("p90_ms", round(summary.p90Ms()))
                .put("min_ms", round(summary.minMs()))
                .put("max_ms", round(summary.maxMs()));
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad option " + args[i] + " (expected " + OPTIONS + ", each with a value)");
            }
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--url", "--token-file", "--page")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException(required + ": required");
            }
        }
        return options;
    }

    private static int count(Map<String, String> options, String name, int fallback) {
        String text = options.getOrDefault(name, Integer.toString(fallback));
        int value = text.matches("\\d{1,6}") ? Integer.parseInt(text) : 0;
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + text + " (expected: a count >= 1)");
        }
        return value;
    }
}
