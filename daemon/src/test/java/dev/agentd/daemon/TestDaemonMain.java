package dev.agentd.daemon;

import java.nio.file.Path;

/**
 * Runs a daemon in its own JVM for tests that must kill it for real ({@code kill -9}): prints the
 * ready line like {@code agentd serve} and waits until shut down.
 *
 * <p>Arguments: {@code <root> [--no-auth]}.
 */
public final class TestDaemonMain {
    private TestDaemonMain() {}

    public static void main(String[] args) throws Exception {
        DaemonConfig config = DaemonConfig.defaults(Path.of(args[0])).withPort(0)
                .withAuth(!(args.length > 1 && args[1].equals("--no-auth")));
        Daemon daemon = Daemon.start(config);
        System.out.print("agentd listening on " + daemon.wsUrl() + "\n");
        System.out.flush();
        daemon.onReady();
        System.exit(daemon.awaitTermination());
    }
}
