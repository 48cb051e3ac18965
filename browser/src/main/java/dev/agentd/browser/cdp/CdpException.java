package dev.agentd.browser.cdp;

/** A CDP command answered with an {@code error} object (browser §5.2). */
public final class CdpException extends RuntimeException {
    private final String method;
    private final long code;
    private final String cdpMessage;

    public CdpException(String method, long code, String cdpMessage) {
        super(method + ": " + cdpMessage, null, false, false);
        this.method = method;
        this.code = code;
        this.cdpMessage = cdpMessage;
    }

    public String method() {
        return method;
    }

    public long code() {
        return code;
    }

    /** The browser's own message, e.g. {@code No node with given id found}. */
    public String cdpMessage() {
        return cdpMessage;
    }
}
