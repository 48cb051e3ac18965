package dev.agentd.daemon.mcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /mcp} handler of one connection. It answers one request at a time and keeps the
 * connection for the next (SDK clients reuse connections); a request pipelined behind an open
 * answer waits, with reading paused, until that answer is complete. The first request for any
 * other path hands the connection to the daemon's router for good: this handler and the MCP
 * aggregator leave the pipeline, so plain HTTP and WebSocket connections are as they were.
 */
final class McpHttpHandler extends ChannelInboundHandlerAdapter implements McpExchange.Owner {
    private static final Logger log = LoggerFactory.getLogger(McpHttpHandler.class);

    private final McpRequestProcessor processor;
    private final String aggregatorName;
    private final Deque<FullHttpRequest> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private McpExchange active;

    McpHttpHandler(McpRequestProcessor processor, String aggregatorName) {
        this.processor = processor;
        this.aggregatorName = aggregatorName;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && McpRoute.matches(request)) {
            if (active != null) {
                waiting.add(request);
                ctx.channel().config().setAutoRead(false);
            } else {
                start(request);
            }
            return;
        }
        if (msg instanceof HttpRequest && active == null) {
            leavePipeline(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    private void leavePipeline(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(aggregatorName) != null) {
            ctx.pipeline().remove(aggregatorName);
        }
        ctx.pipeline().remove(this);
    }

    private void start(FullHttpRequest request) {
        McpExchange exchange = new McpExchange(ctx, request, this, processor.stopping());
        active = exchange;
        try {
            processor.process(request, exchange);
        } catch (RuntimeException e) {
            log.warn("mcp request failed unexpectedly", e);
            ctx.close();
        } finally {
            request.release();
        }
    }

    @Override
    public void finished(McpExchange exchange, boolean close) {
        if (exchange != active) {
            return;
        }
        active = null;
        if (close) {
            releaseWaiting();
            return;
        }
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            start(next);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (active != null && ctx.channel().isWritable()) {
            active.channelWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (active != null) {
            active.channelClosed();
            active = null;
        }
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    private void releaseWaiting() {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            ReferenceCountUtil.release(request);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (active == null && waiting.isEmpty()) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.debug("mcp connection error: {}", cause.toString());
        ctx.close();
    }
}
