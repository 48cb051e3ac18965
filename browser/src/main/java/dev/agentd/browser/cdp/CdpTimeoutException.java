package dev.agentd.browser.cdp;

import dev.agentd.browser.Limits;
import java.time.Duration;

/** A CDP command got no answer within its limit (browser §5.6); the browser is kept. */
public final class CdpTimeoutException extends RuntimeException {
    private final String method;

    public CdpTimeoutException(String method, Duration limit) {
        super("CDP " + method + " did not answer within " + Limits.describe(limit), null, false, false);
        this.method = method;
    }

    public String method() {
        return method;
    }
}
