package dev.agentd.daemon.mcp;

/** The HTTP response of one GET stream (mcp §8.10), written through its {@link McpExchange}. */
final class ChannelEventSink implements EventSink {
    private final McpExchange exchange;
    private final String sessionId;
    private final McpExchange.ChannelListener listener;

    ChannelEventSink(McpExchange exchange, String sessionId, McpExchange.ChannelListener listener) {
        this.exchange = exchange;
        this.sessionId = sessionId;
        this.listener = listener;
    }

    @Override
    public void open() {
        exchange.openStream(sessionId, listener);
    }

    @Override
    public void event(long id, byte[] json) {
        exchange.writeFrame(SseFrames.event(id, json));
    }

    @Override
    public void primer(long id) {
        exchange.writeFrame(SseFrames.primer(id));
    }

    @Override
    public void comment(String text) {
        exchange.writeFrame(SseFrames.comment(text));
    }

    @Override
    public boolean writable() {
        return exchange.writable();
    }

    @Override
    public void end() {
        exchange.endStream();
    }
}
