package dev.agentd.daemon.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The paths of the state root (core §11). Creating them is {@link #prepare}'s job alone. */
public record StateRoot(Path root) {
    public StateRoot {
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("root: " + root + " (expected: an absolute path)");
        }
        root = root.normalize();
    }

    /** Creates {@code <root>} and {@code <root>/run} with mode 0700 when missing. */
    public void prepare() throws IOException {
        SecureFiles.createDirectories(root);
        SecureFiles.createDirectories(runDir());
    }

    public boolean existsAsNonDirectory() {
        return Files.exists(root) && !Files.isDirectory(root);
    }

    public Path runDir() {
        return root.resolve("run");
    }

    public Path lockFile() {
        return runDir().resolve("daemon.lock");
    }

    public Path daemonJson() {
        return runDir().resolve("daemon.json");
    }

    public Path authToken() {
        return root.resolve("auth-token");
    }

    public Path hostToken() {
        return root.resolve("host-token");
    }

    public Path agentsManifest() {
        return root.resolve("agents.json");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
