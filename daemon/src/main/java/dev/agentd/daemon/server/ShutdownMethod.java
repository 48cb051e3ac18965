package dev.agentd.daemon.server;

import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.protocol.core.ShutdownResult;

/**
 * {@code server.shutdown} (core §8): host role only; answers {@code {ok, pid}} and begins the
 * graceful shutdown once that answer is written.
 */
public final class ShutdownMethod {
    public static final String NAME = "server.shutdown";

    private ShutdownMethod() {}

    public static RpcMethod method(Runnable beginShutdown) {
        return RpcMethod.of(NAME, Execution.WORKER, call -> {
            call.afterReply(beginShutdown);
            return new ShutdownResult(true, ProcessHandle.current().pid());
        }).hostRoleRequired();
    }
}
