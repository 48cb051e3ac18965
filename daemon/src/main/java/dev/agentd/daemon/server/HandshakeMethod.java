package dev.agentd.daemon.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Protocol;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.core.HandshakeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.handshake} (core §7). Runs inline on the event loop: it reads only its params and
 * sets one flag, and the transport benchmark measures exactly this method.
 */
public final class HandshakeMethod {
    private static final Logger log = LoggerFactory.getLogger(HandshakeMethod.class);
    public static final String NAME = "server.handshake";
    private static final int MAX_CLIENT_VERSION_LOGGED = 64;

    private HandshakeMethod() {}

    public static RpcMethod method() {
        return RpcMethod.of(NAME, Execution.INLINE, HandshakeMethod::handshake).asBarrier();
    }

    private static HandshakeResult handshake(RpcCall call) {
        JsonNode version = call.params().get("protocol_version");
        // "2" (a string) and 2.5 are mismatches, not -32602: the client speaks another dialect.
        if (version == null || !version.isNumber() || !isIntegral(version) || version.asDouble() != Protocol.VERSION) {
            String sent = version == null ? "none" : version.toString();
            throw new RpcException(ErrorCodes.PROTOCOL_MISMATCH,
                    "protocol version mismatch: server speaks " + Protocol.VERSION + ", client sent " + sent);
        }
        call.session().markNegotiated();
        if (log.isDebugEnabled()) {
            JsonNode clientVersion = call.params().get("client_version");
            if (clientVersion != null && clientVersion.isTextual()) {
                String text = clientVersion.textValue();
                log.debug("handshake: client version {}",
                        text.length() > MAX_CLIENT_VERSION_LOGGED ? text.substring(0, MAX_CLIENT_VERSION_LOGGED) : text);
            }
        }
        return new HandshakeResult(Protocol.VERSION, Protocol.AGENTD_VERSION, Protocol.VERSION);
    }

    private static boolean isIntegral(JsonNode number) {
        return number.isIntegralNumber() || number.asDouble() == Math.rint(number.asDouble());
    }
}
