package dev.agentd.browser.cdp;

/**
 * The browser or its page is gone: the DevTools socket closed, the process exited, the page
 * crashed or was detached, or the slot was closed (browser §9). The message is the cause.
 */
public final class BrowserLostException extends RuntimeException {
    public BrowserLostException(String cause) {
        super(cause, null, false, false);
    }
}
