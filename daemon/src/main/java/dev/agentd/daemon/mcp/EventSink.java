package dev.agentd.daemon.mcp;

/**
 * Where an {@link EventStream} writes: the HTTP response of one GET (mcp §8.10), or a recording
 * fake in tests. Called only on the stream's executor.
 */
interface EventSink {
    /** The response head: 200, {@code text/event-stream}, chunked. */
    void open();

    /** One event: an {@code id:} line when {@code id > 0}, one {@code data:} line, a blank line. */
    void event(long id, byte[] json);

    /** The priming event of mcp §8.7: {@code id}, {@code retry: 2000}, empty data. */
    void primer(long id);

    /** An SSE comment line, e.g. {@code : keepalive}. */
    void comment(String text);

    /** False while the transport is past its high-water mark (mcp §8.9). */
    boolean writable();

    /** The terminating chunk; nothing is written after it. */
    void end();
}
