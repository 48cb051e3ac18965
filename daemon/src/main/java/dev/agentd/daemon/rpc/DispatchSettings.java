package dev.agentd.daemon.rpc;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * What every connection's dispatcher shares.
 *
 * @param handlerTimeout the per-request deadline (core §4)
 * @param workers        the pool for {@link Execution#WORKER} handlers; grows on demand
 * @param shuttingDown   true once graceful shutdown has begun: new requests get -32603
 */
public record DispatchSettings(
        MethodRegistry methods, Duration handlerTimeout, ExecutorService workers, BooleanSupplier shuttingDown) {}
