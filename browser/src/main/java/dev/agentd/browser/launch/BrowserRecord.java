package dev.agentd.browser.launch;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code <root>/run/browser/<pid>.json} (browser §4.3): written when Chromium is spawned, deleted
 * by the close sequence, read at daemon start to kill browsers a crashed daemon left behind.
 */
public record BrowserRecord(
        @JsonProperty("pid") long pid,
        @JsonProperty("profile_dir") String profileDir,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("daemon_pid") long daemonPid) {}
