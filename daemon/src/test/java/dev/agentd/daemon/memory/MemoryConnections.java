package dev.agentd.daemon.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.daemon.state.PathEncoding;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections bound the ways memory §1.1 distinguishes — namespace, agent, none — and the paths of
 * the graphs they act on. Every test takes fresh namespaces from {@link #uniqueNamespace}, so tests
 * sharing one daemon never share a graph.
 */
public final class MemoryConnections {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private MemoryConnections() {}

    public static String uniqueNamespace(String prefix) {
        return prefix + "-" + NAMESPACES.incrementAndGet();
    }

    /** A client authenticated with the daemon token and bound to {@code namespace}. */
    public static RpcClient namespace(DaemonExtension agentd, String namespace) {
        RpcClient client = agentd.open();
        client.call("session.auth", Map.of("token", agentd.authToken(), "memory_namespace", namespace), TIMEOUT);
        return client;
    }

    /** A raw WebSocket authenticated with the daemon token (request id 0) and bound to {@code namespace}. */
    static RawWebSocket rawNamespace(DaemonExtension agentd, String namespace) {
        RawWebSocket raw = agentd.connectRaw();
        JsonNode reply = raw.call("""
                {"jsonrpc":"2.0","id":0,"method":"session.auth","params":{"token":"%s","memory_namespace":"%s"}}"""
                .formatted(agentd.authToken(), namespace));
        if (!reply.has("result")) {
            throw new AssertionError("session.auth with namespace " + namespace + " failed: " + reply);
        }
        return raw;
    }

    /** Registers agent {@code id} (a /bin/sh that is never started) so it has a per-agent token. */
    public static void registerAgent(RpcClient admin, String id) {
        admin.call("agents.upsert", Map.of("id", id, "command", "/bin/sh"), TIMEOUT);
    }

    /** The per-agent token of {@code id}, as the supervisor stored it in {@code agents.json}. */
    public static String agentToken(Path root, String id) {
        try {
            for (JsonNode entry : Json.mapper().readTree(Files.readAllBytes(root.resolve("agents.json")))) {
                if (entry.get("id").asText().equals(id)) {
                    return entry.get("token").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no agent " + id + " in agents.json");
    }

    static Map<String, String> agentCredential(Path root, String id) {
        return Map.of("token", agentToken(root, id), "agent_id", id);
    }

    /** A client authenticated with agent {@code id}'s per-agent token, so bound to its graph. */
    public static RpcClient agent(DaemonExtension agentd, String id) {
        RpcClient client = agentd.open();
        client.call("session.auth", agentCredential(agentd.root(), id), TIMEOUT);
        return client;
    }

    static Path namespaceDirectory(Path root, String namespace) {
        return root.resolve("memory/namespaces").resolve(PathEncoding.fsName(namespace));
    }

    static Path journal(Path root, String namespace) {
        return namespaceDirectory(root, namespace).resolve("journal.jsonl");
    }

    public static ObjectNode fact(String subject, String body) {
        return Json.mapper().createObjectNode().put("subject", subject).put("body", body);
    }

    static int factCount(RpcClient client) {
        return client.call("memory.fact_count", null, TIMEOUT).intValue();
    }

    static JsonNode query(RpcClient client, String text) {
        return client.call("memory.query", Map.of("query", text), TIMEOUT);
    }

    /** The bodies {@code memory.query} finds for {@code text} on the client's graph. */
    public static List<String> bodiesFound(RpcClient client, String text) {
        return query(client, text).findValuesAsText("body");
    }

    static String context(RpcClient client, String text) {
        return client.call("memory.build_context", Map.of("query", text), TIMEOUT).textValue();
    }
}
