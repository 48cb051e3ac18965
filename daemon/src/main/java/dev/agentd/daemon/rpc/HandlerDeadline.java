package dev.agentd.daemon.rpc;

import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcError;
import java.time.Duration;

/** The error of a handler that missed its response deadline (core §2.4), worded alike on every transport. */
public final class HandlerDeadline {
    private HandlerDeadline() {}

    public static RpcError exceeded(String method, Duration limit) {
        return new RpcError(ErrorCodes.DEADLINE_EXCEEDED, "handler '" + method + "' exceeded its "
                + seconds(limit) + "s response deadline; the outcome is unknown");
    }

    /** Whole seconds without a fraction, otherwise with one ({@code 30}, {@code 0.25}). */
    static String seconds(Duration limit) {
        long millis = limit.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
