package dev.agentd.daemon;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for a daemon process (core §15): {@code agentd serve} and the tests' child
 * JVM. They are intercepted rather than left to the JVM, whose default handling would exit with
 * 143/130 instead of the shutdown's own status: the first signal starts a graceful shutdown, any
 * later one skips the remaining waits.
 */
public final class ShutdownSignals {
    private ShutdownSignals() {}

    public static void install(Daemon daemon) {
        AtomicInteger received = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (received.incrementAndGet() == 1) {
                daemon.shutdown();
            } else {
                daemon.shutdownNow();
            }
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
        // Any other JVM exit (System.exit elsewhere, an uncaught error) still runs the sequence;
        // after a normal shutdown the daemon has terminated and this returns at once.
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "agentd-shutdown-hook"));
    }
}
