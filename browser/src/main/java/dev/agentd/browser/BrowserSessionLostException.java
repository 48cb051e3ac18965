package dev.agentd.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;

/**
 * The browser or page was lost during a call (browser §9): -32603
 * {@code browser session lost: <cause>} with {@code error.data.trace} = the partial trace, the
 * interrupted step marked {@code internal}. The slot is already EMPTY and cleaned when it is thrown.
 */
public final class BrowserSessionLostException extends RpcException {
    public static final String PREFIX = "browser session lost: ";

    private final String lostCause;
    private final transient Trace partialTrace;

    public BrowserSessionLostException(String cause, Trace partialTrace) {
        super(ErrorCodes.INTERNAL_ERROR, PREFIX + cause, data(partialTrace));
        this.lostCause = cause;
        this.partialTrace = partialTrace;
    }

    public String lostCause() {
        return lostCause;
    }

    /** The partial trace, or null when the call was dropped before running any step. */
    public Trace partialTrace() {
        return partialTrace;
    }

    private static ObjectNode data(Trace trace) {
        if (trace == null) {
            return null;
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.set("trace", Json.mapper().valueToTree(trace));
        return data;
    }
}
