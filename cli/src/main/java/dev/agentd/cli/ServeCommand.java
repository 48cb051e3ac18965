package dev.agentd.cli;

import dev.agentd.daemon.Daemon;
import dev.agentd.daemon.DaemonConfig;
import dev.agentd.daemon.DaemonStartException;
import dev.agentd.daemon.ShutdownSignals;
import dev.agentd.daemon.mcp.McpSettings;
import dev.agentd.protocol.client.Environment;
import dev.agentd.protocol.client.StateRoot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentd serve} (cli §6.1): runs the daemon in the foreground until a signal or
 * {@code server.shutdown}, and exits with the shutdown's status. The ready line is the only thing
 * ever written to stdout.
 */
@Command(name = "serve", description = "Run the daemon in the foreground.")
public final class ServeCommand implements Callable<Integer> {
    static final String LOG_LEVEL_VARIABLE = "AGENTD_LOG_LEVEL";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--port", paramLabel = "N", defaultValue = "9100",
            description = "Port to listen on, 0-65535; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = DaemonConfig.DEFAULT_HOST,
            description = "Bind address: IP literal or localhost (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--home", paramLabel = "DIR", description = "State root; overrides AGENTD_HOME.")
    String home;

    @Option(names = "--no-auth", description = "Disable authentication.")
    boolean noAuth;

    @Option(names = "--handler-timeout", paramLabel = "DUR", defaultValue = "30m", converter = DurationConverter.class,
            description = "Per-request deadline, <n>ms|s|m|h (default: ${DEFAULT-VALUE}).")
    Duration handlerTimeout;

    @Option(names = "--max-message-bytes", paramLabel = "N", defaultValue = "16777216",
            description = "WebSocket message limit, >= 1024 (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--run-grace", paramLabel = "DUR", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long an open run waits for its disconnected connection (default: ${DEFAULT-VALUE}).")
    Duration runGrace;

    @Option(names = "--mcp-idle-ttl", paramLabel = "DUR", defaultValue = "30m", converter = DurationConverter.class,
            description = "MCP session inactivity TTL (default: ${DEFAULT-VALUE}).")
    Duration mcpIdleTtl;

    @Option(names = "--mcp-max-age", paramLabel = "DUR", defaultValue = "24h", converter = DurationConverter.class,
            description = "MCP session absolute TTL (default: ${DEFAULT-VALUE}).")
    Duration mcpMaxAge;

    @Option(names = "--mcp-max-sessions", paramLabel = "N", defaultValue = "1000",
            description = "MCP session cap, least recently used evicted first, >= 1 (default: ${DEFAULT-VALUE}).")
    int mcpMaxSessions;

    @Option(names = "--mcp-ring", paramLabel = "N", defaultValue = "256",
            description = "MCP replay ring capacity per session, 16-65536 (default: ${DEFAULT-VALUE}).")
    int mcpRing;

    @Option(names = "--mcp-keepalive", paramLabel = "DUR", defaultValue = "15s", converter = DurationConverter.class,
            description = "MCP keep-alive interval on GET streams (default: ${DEFAULT-VALUE}).")
    Duration mcpKeepAlive;

    @Option(names = "--scratch-dirs", paramLabel = "DIR[,DIR...]", split = ",",
            description = "Absolute directories under which an agent command is refused "
                    + "(default: /tmp,/var/tmp,/dev/shm).")
    List<Path> scratchDirs;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "error, warn, info, debug or trace (default: AGENTD_LOG_LEVEL, else info).")
    String logLevel;

    @Override
    public Integer call() throws InterruptedException {
        Environment environment = Environment.system();
        StateRoot root = StateRoot.resolve(home, environment);
        if (Files.exists(root.path()) && !Files.isDirectory(root.path())) {
            throw Failures.rootNotADirectory(root.path());
        }
        Daemon daemon = start(config(root, environment));
        ShutdownSignals.install(daemon);
        PrintWriter out = spec.commandLine().getOut();
        out.print("agentd listening on " + daemon.wsUrl() + "\n");
        out.flush();
        daemon.onReady();
        return daemon.awaitTermination();
    }

    /** The daemon configuration of these options; a value out of range is a usage error (exit 2). */
    DaemonConfig config(StateRoot root, Environment environment) {
        String level = logLevel != null ? logLevel : environment.get(LOG_LEVEL_VARIABLE).orElse("info");
        try {
            McpSettings mcp = new McpSettings(mcpIdleTtl, mcpMaxAge, mcpMaxSessions, mcpRing, mcpKeepAlive);
            return new DaemonConfig(root.path(), host, port, !noAuth, handlerTimeout, maxMessageBytes,
                    level.toLowerCase(Locale.ROOT), scratchDirs, runGrace, mcp);
        } catch (IllegalArgumentException e) {
            throw Failures.invalidConfiguration(e.getMessage());
        }
    }

    private static Daemon start(DaemonConfig config) {
        try {
            return Daemon.start(config);
        } catch (DaemonStartException e) {
            throw Failures.startFailed(e);
        }
    }
}
