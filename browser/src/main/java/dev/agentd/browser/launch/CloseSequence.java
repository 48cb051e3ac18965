package dev.agentd.browser.launch;

import dev.agentd.browser.cdp.CdpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one close sequence every path uses (browser §10.1): launch failures, {@code browser.close},
 * disconnect, shutdown and a lost browser. Each part may be absent when a launch failed early.
 */
public final class CloseSequence {
    private static final Logger LOG = LoggerFactory.getLogger(CloseSequence.class);
    private static final Duration DELETE_RETRY_DELAY = Duration.ofMillis(500);

    private CloseSequence() {}

    /**
     * @param process   the Chromium main process, or null if none was spawned
     * @param knownTree members of the tree seen earlier: if the main process already died, its
     *                  children were re-parented and only such an earlier snapshot still names them
     * @param cdp       the DevTools client, or null if none was connected
     * @param profile   the profile directory, or null
     * @param record    the registry record, or null
     */
    public static void run(ProcessHandle process, Collection<ProcessHandle> knownTree, CdpClient cdp, Path profile,
            Path record, Duration closeTimeout) {
        boolean interrupted = Thread.interrupted();
        try {
            List<ProcessHandle> tree = treeToKill(process, knownTree, profile);
            if (process != null) {
                askBrowserToClose(process, cdp, closeTimeout);
            }
            ProcessTrees.killForcibly(tree, closeTimeout);
            if (profile != null) {
                // the invariant of §10.2: nothing that names this profile survives
                ProcessTrees.killForcibly(ProcessTrees.withDescendants(ProcessTrees.mentioning(profile.toString())),
                        closeTimeout);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (cdp != null) {
                cdp.abort("closed");
            }
            deleteWithRetry(profile);
            deleteWithRetry(record);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Everything to kill, collected before anything dies: the main process, the tree seen
     * earlier, every process naming the profile, and all their descendants.
     */
    private static List<ProcessHandle> treeToKill(ProcessHandle process, Collection<ProcessHandle> knownTree,
            Path profile) {
        Set<ProcessHandle> roots = new LinkedHashSet<>(knownTree);
        if (process != null) {
            roots.add(process);
        }
        if (profile != null) {
            roots.addAll(ProcessTrees.mentioning(profile.toString()));
        }
        return ProcessTrees.withDescendants(roots);
    }

    private static void askBrowserToClose(ProcessHandle process, CdpClient cdp, Duration closeTimeout)
            throws InterruptedException {
        if (cdp == null || !cdp.isOpen() || !process.isAlive()) {
            return;
        }
        cdp.send(null, "Browser.close", null);
        try {
            process.onExit().get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still alive: killed next
        }
    }

    private static void deleteWithRetry(Path path) {
        if (path == null) {
            return;
        }
        try {
            delete(path);
        } catch (IOException first) {
            LOG.warn("cannot delete {} ({}); retrying once", path, first.toString());
            try {
                Thread.sleep(DELETE_RETRY_DELAY.toMillis());
                delete(path);
            } catch (IOException second) {
                LOG.warn("cannot delete {}: {}", path, second.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            BrowserRunDirectory.deleteRecursively(path);
        } else {
            Files.deleteIfExists(path);
        }
    }
}
