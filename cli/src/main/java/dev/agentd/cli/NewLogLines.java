package dev.agentd.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The line-picking step of {@code agents logs --follow} (cli §6.7): which lines at the end of a
 * log window are new, knowing only how many bytes the file grew by. Each line counts its UTF-8
 * length plus one for the {@code \n} the daemon split it on.
 */
final class NewLogLines {
    private NewLogLines() {}

    /**
     * @param lines the lines taken, oldest first
     * @param coveredGrowth whether their sizes sum to at least the growth; if not, {@code lines}
     *     is the whole window and older new lines may lie beyond it
     */
    record Taken(List<String> lines, boolean coveredGrowth) {
        Taken {
            lines = List.copyOf(lines);
        }
    }

    /** Walks back from the newest line of {@code window} until the lines cover {@code grownBytes}. */
    static Taken take(List<String> window, long grownBytes) {
        long covered = 0;
        int first = window.size();
        while (first > 0 && covered < grownBytes) {
            first--;
            covered += size(window.get(first));
        }
        return new Taken(window.subList(first, window.size()), covered >= grownBytes);
    }

    static long size(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1L;
    }
}
