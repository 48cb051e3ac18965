package dev.agentd.browser;

import java.util.List;

/** What a launch is configured with (browser §2.1): window mode, initial viewport, extra flags. */
public record LaunchOptions(boolean headed, int width, int height, List<String> extraArgs) {
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 720;

    public LaunchOptions {
        extraArgs = List.copyOf(extraArgs);
    }

    public static LaunchOptions defaults() {
        return new LaunchOptions(false, DEFAULT_WIDTH, DEFAULT_HEIGHT, List.of());
    }
}
