package dev.agentd.browser;

import java.time.Duration;

/** Renders limits the way the specification's messages quote them: {@code 30 s}, {@code 500 ms}. */
public final class Limits {
    private Limits() {}

    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
