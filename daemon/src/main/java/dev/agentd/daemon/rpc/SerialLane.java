package dev.agentd.daemon.rpc;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Runs tasks one at a time, in submission order, on a shared pool — without holding a pool
 * thread while idle. One lane per connection carries its {@link Execution#SERIAL} handlers, so
 * they start in arrival order (browser §3.3) while other connections run in parallel.
 */
final class SerialLane {
    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    SerialLane(Executor pool) {
        this.pool = pool;
    }

    /** Queues {@code task}; cancelling the future before it starts skips it, after interrupts it. */
    Future<?> submit(Runnable task) {
        FutureTask<Void> future = new FutureTask<>(task, null);
        boolean start;
        synchronized (this) {
            tasks.add(future);
            start = !draining;
            draining = true;
        }
        if (start) {
            try {
                pool.execute(this::drain);
            } catch (RuntimeException e) {
                synchronized (this) {
                    tasks.remove(future);
                    draining = false;
                }
                throw e;
            }
        }
        return future;
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
            Thread.interrupted(); // an interrupt aimed at this task must not leak into the next one
        }
    }
}
