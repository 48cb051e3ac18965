package dev.agentd.daemon.rpc;

import dev.agentd.protocol.RpcRequest;

/** A server-to-client notification frame: {@code {"jsonrpc":"2.0","method":...,"params":...}}. */
record Notification(String jsonrpc, String method, Object params) {
    Notification(String method, Object params) {
        this(RpcRequest.VERSION, method, params);
    }
}
