package dev.agentd.daemon.rpc;

import java.util.Objects;

/**
 * A registered JSON-RPC method and the gates the dispatcher applies before its handler
 * (core §2.3).
 *
 * @param hostOnly          step 4: only connections with the host role may call it
 * @param requiresHandshake step 3: only negotiated connections may call it
 * @param barrier           nothing later on the connection is dispatched until its reply is
 *                          written and its state change applied (core §2.3 "control barriers")
 */
public record RpcMethod(
        String name, Execution execution, boolean hostOnly, boolean requiresHandshake, boolean barrier,
        MethodHandler handler) {

    public RpcMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(handler, "handler");
    }

    /** A method open to every authenticated connection, with no barrier. */
    public static RpcMethod of(String name, Execution execution, MethodHandler handler) {
        return new RpcMethod(name, execution, false, false, false, handler);
    }

    public RpcMethod hostRoleRequired() {
        return new RpcMethod(name, execution, true, requiresHandshake, barrier, handler);
    }

    public RpcMethod handshakeRequired() {
        return new RpcMethod(name, execution, hostOnly, true, barrier, handler);
    }

    public RpcMethod asBarrier() {
        return new RpcMethod(name, execution, hostOnly, requiresHandshake, true, handler);
    }
}
