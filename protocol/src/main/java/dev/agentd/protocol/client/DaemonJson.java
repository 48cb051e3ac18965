package dev.agentd.protocol.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a client needs from {@code <root>/run/daemon.json} (core §13): where the daemon said it
 * listens and which process it is.
 *
 * @param wsUrl the {@code ws_url} field as written
 * @param pid   the {@code pid} field, or null when it is missing or not an integer
 */
public record DaemonJson(Path file, String wsUrl, Long pid) {

    /**
     * Reads the file. A missing, unreadable or malformed file, or one without a string
     * {@code ws_url}, yields empty: discovery then skips this step silently (cli §3.2).
     */
    public static Optional<DaemonJson> read(Path file) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        JsonNode wsUrl = tree == null ? null : tree.get("ws_url");
        if (wsUrl == null || !wsUrl.isTextual()) {
            return Optional.empty();
        }
        JsonNode pid = tree.get("pid");
        return Optional.of(new DaemonJson(file, wsUrl.asText(),
                pid != null && pid.canConvertToLong() && pid.isIntegralNumber() ? pid.asLong() : null));
    }
}
