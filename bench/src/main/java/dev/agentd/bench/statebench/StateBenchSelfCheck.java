package dev.agentd.bench.statebench;

import dev.agentd.daemon.logging.DaemonLogging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory §12 check 24, run by hand (the {@code bench} module runs nothing during the build):
 *
 * <ol>
 *   <li>the {@code inproc} and {@code daemon} modes build byte-identical contexts for the first 20
 *       dev timelines;</li>
 *   <li>two {@code inproc} runs of the dev split give identical reports apart from latencies;</li>
 *   <li>a hand-written timeline — a renewal approved, then superseded by "do not renew;
 *       renegotiate first" — scores recall 1, and its context holds no text of the superseded
 *       fact.</li>
 * </ol>
 * Prints one line per check; exit status 0 when all pass, 1 otherwise.
 *
 * <pre>
 * java -cp bench/target/agentd-bench.jar dev.agentd.bench.statebench.StateBenchSelfCheck \
 *     --data ../shared/data/statebench --agentd-jar cli/target/agentd.jar
 * </pre>
 */
public final class StateBenchSelfCheck {
    private static final int MODE_TIMELINES = 20;
    private static final String SUPERSEDED_BODY = "renewal approved for one year";

    private StateBenchSelfCheck() {}

    public static void main(String[] args) {
        DaemonLogging.configureConsole("warn");
        if (args.length != 4 || !args[0].equals("--data") || !args[2].equals("--agentd-jar")) {
            System.err.println("usage: StateBenchSelfCheck --data DIR --agentd-jar JAR");
            System.exit(2);
        }
        Path data = Path.of(args[1]);
        Path agentdJar = Path.of(args[3]);
        List<Timeline> dev = TimelineReader.read(data.resolve("dev.jsonl"));
        List<Boolean> outcomes = new ArrayList<>();
        outcomes.add(report("inproc and daemon contexts are byte-identical for the first " + MODE_TIMELINES
                + " dev timelines", modesAgree(dev.subList(0, MODE_TIMELINES), data, agentdJar)));
        outcomes.add(report("two inproc runs of dev give identical reports apart from latencies",
                runsAgree(dev, data)));
        outcomes.add(report("hand-written renewal timeline: recall 1, no superseded text", renewalRecalled(data)));
        System.exit(outcomes.contains(false) ? 1 : 0);
    }

    private static boolean modesAgree(List<Timeline> timelines, Path data, Path agentdJar) {
        List<StateBenchRun.QueryContext> inproc = StateBench.runIn(options(data, "inproc", agentdJar), timelines)
                .contexts();
        List<StateBenchRun.QueryContext> daemon = StateBench.runIn(options(data, "daemon", agentdJar), timelines)
                .contexts();
        for (int i = 0; i < Math.min(inproc.size(), daemon.size()); i++) {
            if (!inproc.get(i).equals(daemon.get(i))) {
                System.out.println("  first difference: timeline " + inproc.get(i).timeline() + " query "
                        + inproc.get(i).query());
                return false;
            }
        }
        return inproc.size() == daemon.size() && !inproc.isEmpty();
    }

    private static boolean runsAgree(List<Timeline> timelines, Path data) {
        StateBenchOptions options = options(data, "inproc", null);
        return reportOf(options, timelines).equals(reportOf(options, timelines));
    }

    private static StateBenchReport reportOf(StateBenchOptions options, List<Timeline> timelines) {
        StateBenchRun run = StateBench.runIn(options, timelines);
        return StateBenchReport.of("dev", options.mode(), null, timelines.size(), run.unresolvedRefs(), run.scores(),
                run.buildNanos()).withoutLatency();
    }

    private static boolean renewalRecalled(Path data) {
        StateBenchRun run = StateBench.runIn(options(data, "inproc", null), List.of(renewalTimeline()));
        QueryScore score = run.scores().get(0);
        String context = run.contexts().get(0).context();
        System.out.println("  context:\n    " + context.replace("\n", "\n    "));
        return score.retrievable() && score.recalled() && !Mention.lower(context).contains(SUPERSEDED_BODY);
    }

    /** Memory §6.6's example as a timeline: approved, then "do not renew; renegotiate first". */
    static Timeline renewalTimeline() {
        Timeline.StateWrite approved = write("renew_vendorx", "Renewal approved for one year", null);
        Timeline.StateWrite renegotiate = write("renew_vendorx_v2", "do not renew; renegotiate first", "renew_vendorx");
        List<TimelineEvent> events = List.of(
                new TimelineEvent.Turn("user", "Renew VendorX for one year. Keep it simple.", "2025-12-21T09:00:00"),
                new TimelineEvent.Writes(List.of(approved), "2025-12-21T09:00:00"),
                new TimelineEvent.Turn("user", "Actually, hold off. Finance says we renegotiate first.",
                        "2025-12-21T09:30:00"),
                new TimelineEvent.Writes(List.of(renegotiate), "2025-12-21T09:30:00"),
                new TimelineEvent.Query("Should we renew VendorX now?",
                        List.of(Mention.of("do not renew"), Mention.of("renegotiate")),
                        List.of(Mention.of(SUPERSEDED_BODY))));
        return new Timeline("HAND-RENEWAL-1", "supersession", "User: Matt\nRole: Director", List.of(), List.of(),
                List.of(new Timeline.EnvironmentValue("now", "2025-12-21T10:00:00-05:00")), events);
    }

    private static Timeline.StateWrite write(String key, String value, String supersedes) {
        return new Timeline.StateWrite(Timeline.StateWrite.AUTO_ID, Timeline.Layer.PERSISTENT_FACTS, key, value, "peer",
                supersedes, List.of(), false);
    }

    private static StateBenchOptions options(Path data, String mode, Path agentdJar) {
        return new StateBenchOptions(data, "dev", mode, null, Path.of("unused.json"), null, 0,
                agentdJar == null ? Path.of("cli/target/agentd.jar") : agentdJar);
    }

    private static boolean report(String check, boolean passed) {
        System.out.println((passed ? "PASS " : "FAIL ") + check);
        return passed;
    }
}
