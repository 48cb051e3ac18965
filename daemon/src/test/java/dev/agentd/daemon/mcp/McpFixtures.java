package dev.agentd.daemon.mcp;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the MCP end-to-end tests need besides HTTP: WebSocket clients bound the ways memory §1.1
 * distinguishes (to cross-check a session's tenant), agents with per-agent tokens, unique names so
 * tests sharing a daemon never share a graph, and a barrier on the memory service's change feed.
 */
final class McpFixtures {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private McpFixtures() {}

    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** {@code memory_add_fact} / {@code memory.add_fact} arguments. */
    static String fact(String subject, String body) {
        return factNode(subject, body).toString();
    }

    static ObjectNode factNode(String subject, String body) {
        return Json.mapper().createObjectNode().put("subject", subject).put("body", body);
    }

    /** A WebSocket client authenticated with the daemon token and bound to {@code namespace}. */
    static RpcClient namespaceClient(DaemonExtension agentd, String namespace) {
        RpcClient client = agentd.open();
        client.call("session.auth", Map.of("token", agentd.authToken(), "memory_namespace", namespace), TIMEOUT);
        return client;
    }

    /** Registers agent {@code id} (never started) and returns its per-agent token from agents.json. */
    static String registerAgent(DaemonExtension agentd, String id) {
        agentd.connect().call("agents.upsert", Map.of("id", id, "command", "/bin/sh"), TIMEOUT);
        try {
            for (JsonNode entry : Json.mapper().readTree(Files.readAllBytes(agentd.root().resolve("agents.json")))) {
                if (entry.path("id").asText().equals(id)) {
                    return entry.get("token").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no agent " + id + " in agents.json");
    }

    /** A WebSocket client bound to agent {@code id} by its per-agent token. */
    static RpcClient agentClient(DaemonExtension agentd, String id, String token) {
        RpcClient client = agentd.open();
        client.call("session.auth", Map.of("token", token, "agent_id", id), TIMEOUT);
        return client;
    }

    /** The bodies {@code memory.query} finds for {@code text} on the client's graph. */
    static List<String> bodiesFound(RpcClient client, String text) {
        return client.call("memory.query", Map.of("query", text), TIMEOUT).findValuesAsText("body");
    }

    /**
     * Runs {@code writes}, then waits until the memory service has handed {@code count} changes of
     * graph {@code label} to its listeners. The MCP endpoint's listener was registered at start, and
     * the service calls listeners one change at a time in registration order on one thread, so
     * once this barrier has seen a change the endpoint has published it to every session.
     */
    static void writeAndAwaitPublished(DaemonExtension agentd, String label, int count, Runnable writes) {
        AtomicInteger seen = new AtomicInteger();
        Runnable unsubscribe = agentd.daemon().memory().onChange(change -> {
            if (change.graph().equals(label)) {
                seen.incrementAndGet();
            }
        });
        try {
            writes.run();
            await("%d changes of %s published".formatted(count, label)).atMost(TIMEOUT)
                    .until(() -> seen.get() >= count);
        } finally {
            unsubscribe.run();
        }
    }

    /** The next event that is not a primer (mcp §8.7). */
    static SseReader.Event nextMessage(SseReader events) {
        while (true) {
            SseReader.Event event = events.nextEvent(TIMEOUT);
            if (!event.isPrimer()) {
                return event;
            }
        }
    }
}
