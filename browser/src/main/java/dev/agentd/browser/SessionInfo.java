package dev.agentd.browser;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The browser in effect for a call (browser §8.1).
 *
 * @param launched true if this call started the browser
 * @param pid      the Chromium main process
 */
public record SessionInfo(boolean launched, boolean headed, int width, int height,
        @JsonProperty("browser_version") String browserVersion, long pid) {}
