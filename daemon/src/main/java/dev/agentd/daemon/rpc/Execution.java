package dev.agentd.daemon.rpc;

/** Where a method's handler runs (core §3). */
public enum Execution {
    /**
     * On the connection's event loop. Only for handlers that never perform I/O, never wait and
     * never take a lock held across I/O, and whose gain a benchmark in {@code bench} shows.
     */
    INLINE,
    /** On the worker pool, which grows on demand; the result is written back on the event loop. */
    WORKER,
    /**
     * On the worker pool, but one at a time per connection and in arrival order (the
     * connection's browser: browser §3.3). Waiting in the lane counts toward the deadline.
     */
    SERIAL
}
