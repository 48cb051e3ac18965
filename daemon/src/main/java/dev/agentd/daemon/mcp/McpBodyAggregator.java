package dev.agentd.daemon.mcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Aggregates {@code /mcp} requests only, up to {@code --max-message-bytes}; every other request
 * passes through untouched to the daemon's own (small) aggregator and router. An oversized body
 * is answered by the endpoint — steps 2–5 of mcp §3 on the head, else 413 with the JSON-RPC error
 * body — instead of Netty's empty 413, and the connection closes without reading the rest.
 */
final class McpBodyAggregator extends HttpObjectAggregator {
    private final McpRequestProcessor processor;
    private boolean mcpRequest;

    McpBodyAggregator(int maxBodyBytes, McpRequestProcessor processor) {
        super(maxBodyBytes);
        this.processor = processor;
    }

    @Override
    public boolean acceptInboundMessage(Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            mcpRequest = McpRoute.matches(request);
        }
        boolean ours = msg instanceof HttpRequest || msg instanceof HttpContent ? mcpRequest : false;
        return ours && super.acceptInboundMessage(msg);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        McpExchange exchange = new McpExchange(ctx, (HttpRequest) oversized, (done, close) -> ctx.close(),
                processor.stopping());
        processor.rejectOversized((HttpRequest) oversized, exchange);
    }
}
