package dev.agentd.daemon.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The result of {@code agents.tail_log} (agents §7.2). */
@JsonPropertyOrder({"lines", "stdout", "stderr", "stdout_total", "stderr_total", "stdout_bytes", "stderr_bytes",
    "stdout_path", "stderr_path", "more"})
public record TailLogResult(
        List<String> lines,
        List<String> stdout,
        List<String> stderr,
        @JsonProperty("stdout_total") int stdoutTotal,
        @JsonProperty("stderr_total") int stderrTotal,
        @JsonProperty("stdout_bytes") long stdoutBytes,
        @JsonProperty("stderr_bytes") long stderrBytes,
        @JsonProperty("stdout_path") String stdoutPath,
        @JsonProperty("stderr_path") String stderrPath,
        boolean more) {

    static final long MAX_RESULT_BYTES = 8L * 1024 * 1024;

    /** The window of one stream: skip {@code offset} lines from the end, take {@code n} (0: all the rest). */
    record Window(List<String> lines, int total, boolean more) {
        static final Window NONE = new Window(List.of(), 0, false);

        static Window of(LogTail.Tail tail, int n, int offset) {
            List<String> all = tail.lines();
            int end = Math.max(0, all.size() - offset);
            int start = n == 0 ? 0 : Math.max(0, end - n);
            return new Window(all.subList(start, end), all.size(), start > 0 || tail.truncated());
        }
    }

    static TailLogResult of(Window stdout, Window stderr, LogTail.Tail stdoutFile, LogTail.Tail stderrFile,
            String stdoutPath, String stderrPath) {
        List<String> out = new ArrayList<>(stdout.lines());
        List<String> err = new ArrayList<>(stderr.lines());
        boolean cut = dropOldestToFit(out, err);
        List<String> lines = new ArrayList<>(out);
        lines.addAll(err);
        return new TailLogResult(lines, out, err, stdout.total(), stderr.total(), stdoutFile.fileBytes(),
                stderrFile.fileBytes(), stdoutPath, stderrPath, cut || stdout.more() || stderr.more());
    }

    /**
     * Each line is sent twice (in its stream and in {@code lines}); leaves out the oldest lines of
     * the larger window until the estimate fits 8 MiB. JSON escaping may grow a line, so the
     * estimate counts every byte as possibly escaped once.
     */
    private static boolean dropOldestToFit(List<String> out, List<String> err) {
        long size = cost(out) + cost(err);
        boolean cut = false;
        while (size > MAX_RESULT_BYTES && !(out.isEmpty() && err.isEmpty())) {
            List<String> from = out.size() >= err.size() ? out : err;
            size -= lineCost(from.remove(0));
            cut = true;
        }
        return cut;
    }

    private static long cost(List<String> lines) {
        return lines.stream().mapToLong(TailLogResult::lineCost).sum();
    }

    private static long lineCost(String line) {
        return 2L * (2L * line.getBytes(StandardCharsets.UTF_8).length + 3);
    }
}
