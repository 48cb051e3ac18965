package dev.agentd.browser.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every browser tree this JVM has spawned and not yet closed, for the JVM shutdown hook that is
 * the last line of defence (browser §10.2): if the daemon exits without closing its slots, the
 * hook kills the trees and deletes their profiles and records. The registry is JVM-wide because
 * the hook is.
 */
public final class LiveBrowsers {
    private static final Set<Registration> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private LiveBrowsers() {}

    /** Registers a spawned tree; {@link Registration#close()} removes it once it is cleaned up. */
    public static Registration register(ProcessHandle process, Path profile, Path record) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(LiveBrowsers::killAll, "agentd-browser-backstop"));
        }
        Registration registration = new Registration(process, profile, record);
        LIVE.add(registration);
        return registration;
    }

    private static void killAll() {
        for (Registration registration : LIVE) {
            ProcessTrees.snapshot(registration.process).forEach(ProcessHandle::destroyForcibly);
            ProcessTrees.mentioning(registration.profile.toString()).forEach(ProcessHandle::destroyForcibly);
            try {
                BrowserRunDirectory.deleteRecursively(registration.profile);
                if (registration.record != null) {
                    Files.deleteIfExists(registration.record);
                }
            } catch (IOException e) {
                // the JVM is going down; the next daemon start reaps what is left
            }
        }
    }

    /** One registered tree. */
    public static final class Registration implements AutoCloseable {
        private final ProcessHandle process;
        private final Path profile;
        private volatile Path record;

        private Registration(ProcessHandle process, Path profile, Path record) {
            this.process = process;
            this.profile = profile;
            this.record = record;
        }

        public void record(Path recordPath) {
            this.record = recordPath;
        }

        @Override
        public void close() {
            LIVE.remove(this);
        }
    }
}
