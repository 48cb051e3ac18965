package dev.agentd.browser;

import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.RpcException;

/**
 * The browser could not be launched (browser §4.4): -32603 {@code browser launch failed: <tail>}.
 * It is thrown only after the close sequence has cleaned up whatever the attempt left.
 */
public final class BrowserLaunchException extends RpcException {
    public static final String PREFIX = "browser launch failed: ";

    private final String tail;

    public BrowserLaunchException(String tail) {
        super(ErrorCodes.INTERNAL_ERROR, PREFIX + tail);
        this.tail = tail;
    }

    /** The cause without the prefix, e.g. {@code no DevTools endpoint within 20 s}. */
    public String tail() {
        return tail;
    }
}
