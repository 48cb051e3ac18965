package dev.agentd.daemon.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.agentd.daemon.state.SecureFiles;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <root>/agents.json} (agents §2.1): the specs with their tokens, in first-upsert order.
 * Every change is written atomically and durably before the method replies; writes are
 * serialized. Reads never wait for a write: they see the last published map (copy on write), so
 * token checks on an event loop never stall behind a write's fsync. A manifest that cannot be parsed is left untouched and fails every {@code agents.*}
 * call until the daemon restarts.
 */
public final class AgentManifest {
    private static final Logger log = LoggerFactory.getLogger(AgentManifest.class);
    private static final TypeReference<List<AgentSpec>> SPECS = new TypeReference<>() {};

    private final Path file;
    private final String unreadable;
    private volatile Map<String, AgentSpec> entries;

    private AgentManifest(Path file, Map<String, AgentSpec> entries, String unreadable) {
        this.file = file;
        this.entries = entries;
        this.unreadable = unreadable;
    }

    /** Reads the manifest once at start-up (core §13 step 6). Never modifies an unreadable file. */
    public static AgentManifest load(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            tightenMode(file);
            Map<String, AgentSpec> entries = new LinkedHashMap<>();
            for (AgentSpec spec : Json.mapper().readValue(content, SPECS)) {
                if (spec == null || spec.id() == null || spec.token() == null) {
                    throw new IOException("an entry has no id or token");
                }
                entries.put(spec.id(), spec.withDefaults());
            }
            return new AgentManifest(file, entries, null);
        } catch (NoSuchFileException e) {
            return new AgentManifest(file, new LinkedHashMap<>(), null);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            log.error("agents manifest {} is unreadable; agents.* will fail until restart: {}", file, reason);
            return new AgentManifest(file, Map.of(), reason);
        }
    }

    private static void tightenMode(Path file) throws IOException {
        var mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!mode.equals(SecureFiles.FILE_MODE)) {
            log.warn("tightening mode of {} from {} to rw-------", file, PosixFilePermissions.toString(mode));
            Files.setPosixFilePermissions(file, SecureFiles.FILE_MODE);
        }
    }

    /** Throws -32603 {@code agents manifest unreadable: <reason>} when the file could not be read. */
    public void requireReadable() {
        if (unreadable != null) {
            throw RpcException.internal("agents manifest unreadable: " + unreadable);
        }
    }

    public List<AgentSpec> specs() {
        return List.copyOf(entries.values());
    }

    public Optional<AgentSpec> find(String id) {
        return unreadable == null ? Optional.ofNullable(entries.get(id)) : Optional.empty();
    }

    /** Adds or replaces an entry, durably; the in-memory view changes only if the write succeeded. */
    public synchronized void put(AgentSpec spec) {
        Map<String, AgentSpec> next = new LinkedHashMap<>(entries);
        next.put(spec.id(), spec);
        write(next);
    }

    /** Removes an entry, durably; false when there was none. */
    public synchronized boolean remove(String id) {
        if (!entries.containsKey(id)) {
            return false;
        }
        Map<String, AgentSpec> next = new LinkedHashMap<>(entries);
        next.remove(id);
        write(next);
        return true;
    }

    private void write(Map<String, AgentSpec> next) {
        requireReadable();
        try {
            SecureFiles.writeAtomically(file, Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(List.copyOf(next.values())));
        } catch (IOException e) {
            throw RpcException.internal("cannot write " + file + ": " + e.getMessage());
        }
        entries = next;
    }
}
