package dev.agentd.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C inside a follow loop, which ends the command with exit 0 (cli §7) instead of the JVM's
 * default 130. The handler interrupts the loop's thread, whatever it is waiting for (the poll
 * interval or a reply); the loop then sees {@link #requested()} and returns normally, so the
 * connection is still closed with 1000. Closing this restores the previous handler.
 *
 * <p>A JVM that inherited SIGINT as ignored (a background job of a non-interactive shell) keeps
 * ignoring it: the handler cannot be installed there, and there is no keyboard to press Ctrl-C on.
 */
final class FollowInterrupt implements AutoCloseable {
    private static final Signal INTERRUPT = new Signal("INT");

    private final AtomicBoolean requested = new AtomicBoolean();
    private final SignalHandler previous;

    private FollowInterrupt(Thread loop) {
        previous = Signal.handle(INTERRUPT, signal -> {
            requested.set(true);
            loop.interrupt();
        });
    }

    /** Installs the handler for the calling thread's loop. */
    static FollowInterrupt install() {
        return new FollowInterrupt(Thread.currentThread());
    }

    boolean requested() {
        return requested.get();
    }

    /**
     * Clears the loop thread's interrupt status after a Ctrl-C, so the connection's close
     * handshake can still wait for the daemon's reply.
     */
    void acknowledge() {
        Thread.interrupted();
    }

    @Override
    public void close() {
        Signal.handle(INTERRUPT, previous);
    }
}
