package dev.agentd.bench.statebench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link StateBench} (memory §11.3).
 *
 * @param modelContextWindow {@code --window N}, or {@code null} for the default budget
 * @param contexts {@code --contexts FILE}: every context as JSON lines, for tuning; may be null
 * @param limit {@code --limit N}: only the first N timelines; 0 for all
 * @param agentdJar {@code --agentd-jar}, the daemon for {@code --mode daemon}
 */
public record StateBenchOptions(Path data, String split, String mode, Integer modelContextWindow, Path out,
        Path contexts, int limit, Path agentdJar) {
    public static final String USAGE = "usage: StateBench --data DIR --split dev|train [--mode inproc|daemon] "
            + "[--window N] --out FILE [--contexts FILE] [--limit N] [--agentd-jar cli/target/agentd.jar]";
    private static final Set<String> OPTIONS = Set.of("--data", "--split", "--mode", "--window", "--out", "--contexts",
            "--limit", "--agentd-jar");

    public StateBenchOptions {
        if (!split.equals("dev") && !split.equals("train")) {
            throw new IllegalArgumentException("--split: " + split + " (expected: dev or train)");
        }
        if (!mode.equals("inproc") && !mode.equals("daemon")) {
            throw new IllegalArgumentException("--mode: " + mode + " (expected: inproc or daemon)");
        }
        if (modelContextWindow != null && (modelContextWindow < 1 || modelContextWindow > 10_000_000)) {
            throw new IllegalArgumentException("--window: " + modelContextWindow + " (expected: 1-10000000)");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit: " + limit + " (expected: >= 0)");
        }
    }

    public static StateBenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            values.put(args[i], args[i + 1]);
        }
        return new StateBenchOptions(
                Path.of(required(values, "--data")),
                required(values, "--split"),
                values.getOrDefault("--mode", "inproc"),
                values.containsKey("--window") ? integer(values, "--window") : null,
                Path.of(required(values, "--out")),
                values.containsKey("--contexts") ? Path.of(values.get("--contexts")) : null,
                values.containsKey("--limit") ? integer(values, "--limit") : 0,
                Path.of(values.getOrDefault("--agentd-jar", "cli/target/agentd.jar")));
    }

    /** {@code <data>/<split>.jsonl}. */
    public Path splitFile() {
        return data.resolve(split + ".jsonl");
    }

    /** The run id of the namespaces: the split and the budget. */
    public String runId() {
        return split + "-" + (modelContextWindow == null ? "default" : modelContextWindow.toString());
    }

    private static String required(Map<String, String> values, String option) {
        String value = values.get(option);
        if (value == null) {
            throw new IllegalArgumentException("missing " + option);
        }
        return value;
    }

    private static int integer(Map<String, String> values, String option) {
        try {
            return Integer.parseInt(values.get(option));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": " + values.get(option) + " (expected: an integer)");
        }
    }
}
