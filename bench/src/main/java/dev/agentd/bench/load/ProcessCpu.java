package dev.agentd.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * CPU seconds (user + system, all threads) a process has used so far, read from
 * {@code /proc/<pid>/stat} on Linux; empty elsewhere or when the process is gone. Sampled at the
 * edges of the measurement window, it tells whether the server or the client was the limit.
 */
final class ProcessCpu {
    /** USER_HZ, the unit of the stat file's tick counts; 100 on every mainstream Linux build. */
    private static final double TICKS_PER_SECOND = 100;
    private static final int UTIME_AFTER_COMMAND = 11;
    private static final int STIME_AFTER_COMMAND = 12;

    private ProcessCpu() {}

    static OptionalDouble seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may contain spaces; fields are counted after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[STIME_AFTER_COMMAND]);
            return OptionalDouble.of(ticks / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
