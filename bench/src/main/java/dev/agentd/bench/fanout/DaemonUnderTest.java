package dev.agentd.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A running {@code agentd serve} (auth on) that a benchmark talks to as its clients would: over
 * WebSocket with the project's own client, authenticating with the tokens in its state root.
 * Every connection is negotiated ({@code session.auth}, then {@code server.handshake}).
 */
public record DaemonUnderTest(URI url, Path root) {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    public static DaemonUnderTest of(BenchOptions options) {
        return new DaemonUnderTest(URI.create(options.required("--url")), Path.of(options.required("--home")));
    }

    /** A connection with the daemon token (a plain client). */
    public RpcClient connectClient() {
        return AgentdConnector.connect(url, Credential.daemonToken(read("auth-token"), "auth-token"), null, TIMEOUT);
    }

    /** The host token (the host role: it may read every agent's runs). */
    public String hostToken() {
        return read("host-token");
    }

    /**
     * Registers {@code agentId} as a supervised agent that is never started ({@code /bin/sh}) and
     * opens a connection bound to it with its own token, as the agent process itself would.
     */
    public RpcClient connectAsAgent(RpcClient admin, String agentId) {
        admin.call("agents.upsert", Map.of("id", agentId, "command", "/bin/sh"), TIMEOUT);
        return AgentdConnector.connect(url, Credential.agent(agentId, agentToken(agentId)), null, TIMEOUT);
    }

    private String agentToken(String agentId) {
        try {
            for (JsonNode entry : Json.mapper().readTree(Files.readAllBytes(root.resolve("agents.json")))) {
                if (entry.path("id").asText().equals(agentId)) {
                    return entry.get("token").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("agent " + agentId + " is not in " + root.resolve("agents.json"));
    }

    private String read(String tokenFile) {
        try {
            return Files.readString(root.resolve(tokenFile)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
