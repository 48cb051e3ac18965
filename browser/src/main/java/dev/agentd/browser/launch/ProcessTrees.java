package dev.agentd.browser.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Killing process trees with {@link ProcessHandle}. */
public final class ProcessTrees {
    private static final long EXIT_POLL_MILLIS = 10;

    private ProcessTrees() {}

    /**
     * The process and its descendants, taken before anything is killed: once the root dies its
     * children are re-parented and can no longer be found from it.
     */
    public static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /** {@code processes} and all their current descendants, taken before any of them is killed. */
    public static List<ProcessHandle> withDescendants(Collection<ProcessHandle> processes) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (ProcessHandle process : processes) {
            all.addAll(snapshot(process));
        }
        return List.copyOf(all);
    }

    /** SIGKILLs every still-alive member of {@code tree}, then waits up to {@code wait} for them. */
    public static void killForcibly(List<ProcessHandle> tree, Duration wait) throws InterruptedException {
        for (ProcessHandle process : tree) {
            if (isRunning(process)) {
                process.destroyForcibly();
            }
        }
        awaitExit(tree, wait);
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL for the rest (orphan reaping). */
    public static void terminate(List<ProcessHandle> tree, Duration grace) throws InterruptedException {
        for (ProcessHandle process : tree) {
            if (isRunning(process)) {
                process.destroy();
            }
        }
        if (!awaitExit(tree, grace)) {
            killForcibly(tree, grace);
        }
    }

    /**
     * Whether every member exited within {@code wait}. Polled every 10 ms rather than through
     * {@link ProcessHandle#onExit()}, which polls non-children at 300 ms and more.
     */
    public static boolean awaitExit(List<ProcessHandle> tree, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (tree.stream().anyMatch(ProcessTrees::isRunning)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(EXIT_POLL_MILLIS);
        }
        return true;
    }

    /**
     * Alive and not a zombie. A killed helper whose parent died waits as a zombie until init
     * reaps it; it runs nothing and holds nothing, so it counts as gone.
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }

    /** Live processes whose command line contains {@code text}, e.g. a profile path. */
    public static List<ProcessHandle> mentioning(String text) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(ProcessTrees::isRunning)
                    .filter(process -> process.pid() != ProcessHandle.current().pid())
                    .filter(process -> commandLine(process).contains(text))
                    .toList();
        }
    }

    /** The command line of a live process, from {@code /proc/<pid>/cmdline} where available. */
    public static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return process.info().commandLine().orElse("");
        }
    }
}
