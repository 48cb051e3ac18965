package dev.agentd.daemon.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The methods a daemon answers; each feature registers its own at start-up. */
public final class MethodRegistry {
    private final Map<String, RpcMethod> methods = new ConcurrentHashMap<>();

    public MethodRegistry register(RpcMethod method) {
        if (methods.putIfAbsent(method.name(), method) != null) {
            throw new IllegalStateException("method registered twice: " + method.name());
        }
        return this;
    }

    /** The method, or null: the dispatcher answers -32601 then. */
    public RpcMethod find(String name) {
        return methods.get(name);
    }
}
