package dev.agentd.daemon.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code test.block {ms}} (core §18.1): sleeps on the worker pool, interruptibly, and reports how
 * many {@code test.block} handlers of the same connection were running when it started. Registered
 * only with test hooks on; the ordering, backpressure and deadline checks use it.
 */
public final class TestBlockMethod {
    public static final String NAME = "test.block";
    static final int MAX_MS = 600_000;

    private final Map<String, Integer> runningPerConnection = new ConcurrentHashMap<>();

    public record Params(Long ms) {
        public Params {
            if (ms == null || ms < 0 || ms > MAX_MS) {
                throw new IllegalArgumentException("ms must be an integer from 0 to " + MAX_MS);
            }
        }
    }

    public record Result(@JsonProperty("slept_ms") long sleptMs, int concurrent) {}

    public RpcMethod method() {
        return RpcMethod.of(NAME, Execution.WORKER, this::block);
    }

    private Result block(RpcCall call) throws InterruptedException {
        long ms = call.params(Params.class).ms();
        String clientId = call.session().clientId();
        int concurrent = runningPerConnection.merge(clientId, 1, Integer::sum);
        try {
            Thread.sleep(ms);
            return new Result(ms, concurrent);
        } finally {
            runningPerConnection.computeIfPresent(clientId, (id, running) -> running == 1 ? null : running - 1);
        }
    }

}
