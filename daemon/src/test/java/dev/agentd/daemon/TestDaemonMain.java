package dev.agentd.daemon;

import java.nio.file.Path;

/**
 * Runs a daemon in its own JVM for tests that must kill it for real ({@code kill -9}): prints the
 * ready line like {@code agentd serve} and waits until shut down.
 *
 * <p>Arguments: {@code <root> [--no-auth] [--log-level LEVEL]}.
 */
public final class TestDaemonMain {
    private TestDaemonMain() {}

    public static void main(String[] args) throws Exception {
        java.util.List<String> options = java.util.List.of(args).subList(1, args.length);
        String logLevel = options.contains("--log-level") ? options.get(options.indexOf("--log-level") + 1) : "info";
        DaemonConfig base = DaemonConfig.defaults(Path.of(args[0])).withPort(0).withAuth(!options.contains("--no-auth"));
        DaemonConfig config = new DaemonConfig(base.root(), base.host(), base.port(), base.authEnabled(),
                base.handlerTimeout(), base.maxMessageBytes(), logLevel, base.scratchDirs(), base.runGrace(), base.mcp());
        Daemon daemon = Daemon.start(config);
        ShutdownSignals.install(daemon);
        System.out.print("agentd listening on " + daemon.wsUrl() + "\n");
        System.out.flush();
        daemon.onReady();
        System.exit(daemon.awaitTermination());
    }
}
