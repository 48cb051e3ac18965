package dev.agentd.daemon.rpc;

/** A method's logic: returns the result (serialized with the shared mapper) or throws. */
@FunctionalInterface
public interface MethodHandler {
    Object handle(RpcCall call) throws Exception;
}
