package dev.agentd.daemon.transport;

import dev.agentd.daemon.rpc.ConnectionDispatcher;
import dev.agentd.daemon.rpc.DispatchSettings;
import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.session.Principal;
import dev.agentd.daemon.session.SessionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The last handler of a WebSocket connection: creates the {@link ClientSession} when the upgrade
 * completes, hands each message to the connection's {@link ConnectionDispatcher}, and runs the
 * session cleanup when the channel goes inactive.
 */
final class WebSocketRpcHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketRpcHandler.class);

    private final SessionRegistry sessions;
    private final DispatchSettings settings;
    private final boolean authEnabled;
    private ClientSession session;
    private ConnectionDispatcher dispatcher;

    WebSocketRpcHandler(SessionRegistry sessions, DispatchSettings settings, boolean authEnabled) {
        this.sessions = sessions;
        this.settings = settings;
        this.authEnabled = authEnabled;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            // --no-auth: every connection starts authenticated with the host role (core §6.5).
            session = sessions.open(ctx.channel().remoteAddress(), authEnabled ? null : Principal.HOST);
            dispatcher = new ConnectionDispatcher(ctx.channel(), session, settings);
            session.attach(dispatcher);
            log.info("connection open: {} from {}", session.clientId(), session.remoteAddress());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        MDC.put("clientId", session.clientId());
        try {
            if (msg instanceof ByteBuf content) {
                try {
                    dispatcher.onMessage(content);
                } finally {
                    content.release();
                }
            } else if (msg instanceof MessageAssembler.Oversized oversized) {
                dispatcher.onOversizedMessage(oversized.limit());
            } else {
                ctx.fireChannelRead(msg);
            }
        } finally {
            MDC.remove("clientId");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (dispatcher != null) {
            dispatcher.onReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (dispatcher != null) {
            dispatcher.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            sessions.close(session, false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException) {
            // a dropped socket, or a client's protocol violation that Netty has already closed with its code
            log.debug("connection error: {}", cause.toString());
        } else {
            log.warn("closing connection after an unexpected error", cause);
        }
        ctx.close();
    }
}
