package dev.agentd.browser.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The effective uid, read from the second field of the {@code Uid:} line of
 * {@code /proc/self/status} (browser §4.2). It decides {@code --no-sandbox}.
 */
public final class EffectiveUid {
    /** Returned when the uid cannot be read; it never enables {@code --no-sandbox}. */
    public static final int UNKNOWN = -1;

    private static final Path PROC_SELF_STATUS = Path.of("/proc/self/status");

    private EffectiveUid() {}

    public static int current() {
        return read(PROC_SELF_STATUS);
    }

    /** Parses a {@code /proc/<pid>/status} file; {@link #UNKNOWN} when absent or malformed. */
    public static int read(Path statusFile) {
        try {
            for (String line : Files.readAllLines(statusFile)) {
                if (line.startsWith("Uid:")) {
                    String[] fields = line.substring(4).trim().split("\\s+");
                    return fields.length >= 2 ? Integer.parseInt(fields[1]) : UNKNOWN;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }
}
