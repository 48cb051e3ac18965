package dev.agentd.memgine.store;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit for one journal (memory §9.3) without a thread of its own: a writer waiting for
 * its record becomes the syncing leader if nobody is syncing, syncs once for everything appended
 * so far, and wakes every writer that sync covered. There is no artificial delay; while one sync
 * runs, the next batch accumulates.
 *
 * <p>Events queued with a record are handed to the listener once that record is durable, in
 * record order, by the leader that made it durable.
 *
 * @param <E> the event type
 */
public final class GroupCommit<E> {
    /** The sync of the underlying file. */
    @FunctionalInterface
    public interface Sync {
        void sync() throws IOException;
    }

    private record Pending<E>(long lsn, E event) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final ArrayDeque<Pending<E>> pendingEvents = new ArrayDeque<>();
    private final Sync sync;
    private final Consumer<E> listener;
    private long appended;
    private long durable;
    private boolean syncing;
    private IOException failure;

    public GroupCommit(long lastLsn, Sync sync, Consumer<E> listener) {
        this.appended = lastLsn;
        this.durable = lastLsn;
        this.sync = sync;
        this.listener = listener;
    }

    /**
     * Records that {@code lsn} was appended (call in lsn order). {@code event} may be null; an
     * event for an lsn that is already durable (a change that wrote no record, like a load) is
     * published at once if nothing is queued before it.
     */
    public void appended(long lsn, E event) {
        lock.lock();
        try {
            appended = Math.max(appended, lsn);
            if (event != null && failure == null) {
                pendingEvents.add(new Pending<>(lsn, event));
                publishDurableEvents();
            }
        } finally {
            lock.unlock();
        }
    }

    public long lastAppended() {
        lock.lock();
        try {
            return appended;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until everything up to {@code lsn} is durable; throws the sync failure otherwise. */
    public void awaitDurable(long lsn) throws IOException {
        lock.lock();
        try {
            while (durable < lsn) {
                if (failure != null) {
                    throw failure;
                }
                if (syncing) {
                    progressed.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Marks the journal failed: every waiting and later writer gets {@code cause}. */
    public void fail(IOException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            pendingEvents.clear();
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void lead() {
        syncing = true;
        long target = appended;
        IOException error = null;
        lock.unlock();
        try {
            sync.sync();
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
        }
        syncing = false;
        if (error != null) {
            if (failure == null) {
                failure = error;
            }
            pendingEvents.clear();
        } else {
            durable = Math.max(durable, target);
            publishDurableEvents();
        }
        progressed.signalAll();
    }

    private void publishDurableEvents() {
        while (!pendingEvents.isEmpty() && pendingEvents.peek().lsn <= durable) {
            listener.accept(pendingEvents.poll().event);
        }
    }
}
