package dev.agentd.daemon.rpc;

import dev.agentd.protocol.RpcResponse;
import java.util.List;

/** Where one element's response goes: straight to the socket, or into its batch's array. */
interface Reply {
    /**
     * @param response null for a notification (nothing is sent, but a batch counts it done)
     * @param after    tasks to run once the frame carrying the response has been written
     */
    void complete(RpcResponse response, List<Runnable> after);

    /** True when this element and {@code other} belong to the same batch. */
    default boolean sameBatchAs(Reply other) {
        return false;
    }
}
