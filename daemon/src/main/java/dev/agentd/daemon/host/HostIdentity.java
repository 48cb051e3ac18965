package dev.agentd.daemon.host;

import dev.agentd.protocol.Timestamps;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Which daemon process a snapshot comes from (host §2.5). A client that sees another identity
 * after reconnecting discards its state: sequences restart at 1 in a new process (host §7).
 *
 * @param manifestRole always {@code owner}: a daemon owns its state root's manifest
 */
public record HostIdentity(
        String version,
        long pid,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("manifest_path") String manifestPath,
        @JsonProperty("manifest_role") String manifestRole) {

    /** @param manifestPath {@code <root>/agents.json} */
    public static HostIdentity of(String version, long pid, Instant startedAt, Path manifestPath) {
        return new HostIdentity(version, pid, Timestamps.format(startedAt), manifestPath.toAbsolutePath().toString(), "owner");
    }
}
