package dev.agentd.browser.script;

/** One {@code set_cookies} entry (browser §7.3); {@code url} or {@code domain} is always set. */
public record Cookie(String name, String value, String url, String domain, String path, Boolean secure,
        Boolean httpOnly, String sameSite, Double expires) {}
