package dev.agentd.daemon.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentd.daemon.state.SecureFiles;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code run/<id>.pid} (agents §3.1): written after a spawn, deleted when the supervisor has
 * handled the exit; read at start-up to recognise children a crashed daemon left behind.
 *
 * @param start the process start instant reported by the OS, to tell a live orphan from a reused pid
 */
public record PidFile(long pid, String start, String command, @JsonProperty("daemon_pid") long daemonPid) {

    public static Path path(Path runDir, String agentId) {
        return runDir.resolve(agentId + ".pid");
    }

    public void write(Path file) throws IOException {
        SecureFiles.writeAtomically(file, Json.mapper().writeValueAsBytes(this));
    }

    public static Optional<PidFile> read(Path file) {
        try {
            return Optional.of(Json.mapper().readValue(Files.readAllBytes(file), PidFile.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Optional<Instant> startInstant() {
        try {
            return Optional.of(Instant.parse(start));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
