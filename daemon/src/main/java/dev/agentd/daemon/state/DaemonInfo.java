package dev.agentd.daemon.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code run/daemon.json} (core §13): how clients find a running daemon. */
@JsonPropertyOrder({"pid", "port", "ws_url", "mcp_url", "version", "started_at", "protocol_version", "auth_enabled"})
public record DaemonInfo(
        long pid,
        int port,
        @JsonProperty("ws_url") String wsUrl,
        @JsonProperty("mcp_url") String mcpUrl,
        String version,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("protocol_version") int protocolVersion,
        @JsonProperty("auth_enabled") boolean authEnabled) {

    public void write(Path file) throws IOException {
        SecureFiles.writeAtomically(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** The {@code ws_url} of an existing file, if it parses. */
    public static Optional<String> readWsUrl(Path file) {
        try {
            JsonNode node = Json.mapper().readTree(Files.readAllBytes(file));
            JsonNode url = node == null ? null : node.get("ws_url");
            return url != null && url.isTextual() ? Optional.of(url.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
