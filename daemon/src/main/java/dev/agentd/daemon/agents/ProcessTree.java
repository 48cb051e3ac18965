package dev.agentd.daemon.agents;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stopping a child and everything it spawned (agents §3.2). The descendants are snapshotted
 * before any signal, because once the child dies its children are re-parented and can no longer
 * be found through it.
 */
final class ProcessTree {
    static final Duration TERM_GRACE = Duration.ofSeconds(5);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {}

    /** How a stop begins: SIGTERM with a grace period, or SIGKILL at once. */
    enum Signal { TERM, KILL }

    /**
     * Stops the tree rooted at {@code root}; returns once the root has exited.
     *
     * @return false when the root was still alive 5 s after SIGKILL
     */
    static boolean stop(ProcessHandle root, Signal signal) {
        List<ProcessHandle> descendants = root.descendants().toList();
        if (signal == Signal.TERM) {
            root.destroy();
            descendants.forEach(ProcessHandle::destroy);
            awaitExit(root, TERM_GRACE);
        }
        root.destroyForcibly();
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return awaitExit(root, KILL_WAIT);
    }

    static boolean awaitExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
