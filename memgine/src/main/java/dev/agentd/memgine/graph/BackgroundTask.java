package dev.agentd.memgine.graph;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** One piece of work on its own short-lived thread, awaited once. */
public final class BackgroundTask {
    private final FutureTask<Void> task;

    private BackgroundTask(FutureTask<Void> task) {
        this.task = task;
    }

    public static BackgroundTask start(String threadName, Runnable work) {
        FutureTask<Void> task = new FutureTask<>(work, null);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundTask(task);
    }

    /**
     * Waits for the work to end and rethrows what it threw. An interrupt does not cut the wait
     * short (the caller cannot go on without the result); it is kept for the caller to see.
     */
    public void await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
