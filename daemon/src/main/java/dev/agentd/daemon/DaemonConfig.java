package dev.agentd.daemon;

import dev.agentd.daemon.mcp.McpSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code agentd serve} can be told (cli §6.1). Values are validated here, so a bad
 * value fails at construction with a message naming the option and the accepted range.
 *
 * @param root            the state root, absolute (core §11)
 * @param host            bind address: an IP literal or {@code localhost}
 * @param port            0–65535; 0 picks a free port
 * @param authEnabled     false under {@code --no-auth}
 * @param handlerTimeout  per-request deadline (core §4)
 * @param maxMessageBytes WebSocket message limit; a single frame may be up to 4× this
 * @param logLevel        error, warn, info, debug or trace
 * @param scratchDirs     absolute directories under which an agent command is refused
 * @param runGrace        how long an open run waits for its connection to come back (runs §4)
 * @param mcp             the MCP endpoint's session, ring and keep-alive settings (mcp §7.5)
 */
public record DaemonConfig(
        Path root,
        String host,
        int port,
        boolean authEnabled,
        Duration handlerTimeout,
        int maxMessageBytes,
        String logLevel,
        List<Path> scratchDirs,
        Duration runGrace,
        McpSettings mcp) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9100;
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    public static final int MIN_MAX_MESSAGE_BYTES = 1024;
    public static final Duration DEFAULT_RUN_GRACE = Duration.ofSeconds(5);
    public static final List<Path> DEFAULT_SCRATCH_DIRS = List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/dev/shm"));

    public DaemonConfig {
        if (root == null || !root.isAbsolute()) {
            throw new IllegalArgumentException("root: " + root + " (expected: an absolute path)");
        }
        root = root.normalize();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: '" + host + "' (expected: an IP literal or localhost)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
        }
        if (handlerTimeout == null || handlerTimeout.isNegative() || handlerTimeout.isZero()) {
            throw new IllegalArgumentException("handler-timeout: " + handlerTimeout + " (expected: > 0)");
        }
        // 4 × the message size must still fit an int frame length.
        if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES || maxMessageBytes > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("max-message-bytes: " + maxMessageBytes
                    + " (expected: " + MIN_MAX_MESSAGE_BYTES + "-" + Integer.MAX_VALUE / 4 + ")");
        }
        if (logLevel == null || !logLevel.matches("error|warn|info|debug|trace")) {
            throw new IllegalArgumentException("log-level: '" + logLevel
                    + "' (expected: error, warn, info, debug or trace)");
        }
        scratchDirs = scratchDirs == null ? DEFAULT_SCRATCH_DIRS : List.copyOf(scratchDirs);
        runGrace = runGrace == null ? DEFAULT_RUN_GRACE : runGrace;
        mcp = mcp == null ? McpSettings.DEFAULTS : mcp;
        if (runGrace.isNegative()) {
            throw new IllegalArgumentException("run-grace: " + runGrace + " (expected: >= 0)");
        }
        for (Path dir : scratchDirs) {
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException("scratch-dirs: " + dir + " (expected: absolute paths)");
            }
        }
    }

    /** The configuration with the default scratch directories. */
    public DaemonConfig(Path root, String host, int port, boolean authEnabled, Duration handlerTimeout,
            int maxMessageBytes, String logLevel) {
        this(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, DEFAULT_SCRATCH_DIRS,
                DEFAULT_RUN_GRACE, McpSettings.DEFAULTS);
    }

    /** Defaults of cli §6.1 for the given root. */
    public static DaemonConfig defaults(Path root) {
        return new DaemonConfig(root, DEFAULT_HOST, DEFAULT_PORT, true, DEFAULT_HANDLER_TIMEOUT,
                DEFAULT_MAX_MESSAGE_BYTES, "info");
    }

    public DaemonConfig withPort(int port) {
        return new DaemonConfig(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, scratchDirs, runGrace, mcp);
    }

    public DaemonConfig withAuth(boolean authEnabled) {
        return new DaemonConfig(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, scratchDirs, runGrace, mcp);
    }

    public DaemonConfig withHandlerTimeout(Duration handlerTimeout) {
        return new DaemonConfig(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, scratchDirs, runGrace, mcp);
    }

    public DaemonConfig withMaxMessageBytes(int maxMessageBytes) {
        return new DaemonConfig(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, scratchDirs, runGrace, mcp);
    }

    public DaemonConfig withScratchDirs(List<Path> scratchDirs) {
        return new DaemonConfig(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, scratchDirs, runGrace, mcp);
    }

    public DaemonConfig withRunGrace(Duration runGrace) {
        return new DaemonConfig(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, scratchDirs,
                runGrace, mcp);
    }

    public DaemonConfig withMcp(McpSettings mcp) {
        return new DaemonConfig(root, host, port, authEnabled, handlerTimeout, maxMessageBytes, logLevel, scratchDirs,
                runGrace, mcp);
    }

}
