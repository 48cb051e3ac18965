package dev.agentd.browser.launch;

import dev.agentd.browser.testing.FakeChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** Spawns fake Chromium trees directly, as a crashed daemon would have left them. */
final class FakeTrees {
    private FakeTrees() {}

    /** A running fake tree whose command line names {@code profile}; returns once its children exist. */
    static Process spawn(Path scriptDir, Path profile) throws IOException {
        Path binary = FakeChromium.tree(scriptDir);
        Process process = new ProcessBuilder(List.of(binary.toString(), "--user-data-dir=" + profile))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> process.toHandle().descendants().count() >= 4);
        return process;
    }

    static void killQuietly(Process process) throws InterruptedException {
        ProcessTrees.killForcibly(ProcessTrees.snapshot(process.toHandle()), Duration.ofSeconds(2));
        process.waitFor(2, TimeUnit.SECONDS);
    }
}
