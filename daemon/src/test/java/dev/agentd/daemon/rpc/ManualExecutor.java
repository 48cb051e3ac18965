package dev.agentd.daemon.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker pool the test drives by hand: submitted handlers wait until {@link #runNext} or
 * {@link #runAll}, on the test thread — which is also the embedded channel's event loop.
 */
public final class ManualExecutor extends AbstractExecutorService {
    private final List<Runnable> queued = new ArrayList<>();
    private boolean shutdown;

    @Override
    public void execute(Runnable task) {
        queued.add(task);
    }

    public int queued() {
        return queued.size();
    }

    public void runNext() {
        queued.remove(0).run();
    }

    /** Runs the most recently submitted handler first, to prove completion order does not matter. */
    public void runLast() {
        queued.remove(queued.size() - 1).run();
    }

    public void runAll() {
        while (!queued.isEmpty()) {
            runNext();
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> pending = new ArrayList<>(queued);
        queued.clear();
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queued.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
