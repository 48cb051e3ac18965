package dev.agentd.bench.load;

import dev.agentd.protocol.Json;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The end of a load client: runs it, prints its one JSON line on stdout and the CPU use and any
 * failure on stderr, and gives the exit status: 0 when every {@code answer} arrived and passed its
 * checks, 1 when the setup failed, any error occurred or nothing was measured.
 */
public final class LoadRunOutput {
    private LoadRunOutput() {}

    /** A load run. */
    @FunctionalInterface
    public interface Execution<R> {
        LoadOutcome<R> execute() throws InterruptedException, SetupFailedException, ExecutionException;
    }

    /** {@code prefix} starts every stderr line, e.g. {@code "LoadClient: agentd"}. */
    public static <R extends Measurement> int runAndPrint(String prefix, String answer, Execution<R> run,
            Function<List<R>, ?> reportLine) throws InterruptedException, IOException {
        LoadOutcome<R> outcome;
        try {
            outcome = run.execute();
        } catch (SetupFailedException | ExecutionException e) {
            System.err.println(prefix + ": " + e.getMessage());
            return 1;
        }
        List<R> results = outcome.connections();
        System.out.println(Json.mapper().writeValueAsString(reportLine.apply(results)));
        System.out.flush();
        System.err.println(prefix + ": CPU during the measurement: " + outcome.cpuUse());
        boolean failed = false;
        long errors = ReportMath.errors(results);
        if (errors > 0) {
            results.stream().map(Measurement::firstError).filter(Objects::nonNull).findFirst()
                    .ifPresent(error -> System.err.println(prefix + ": " + errors + " error(s), first: " + error));
            failed = true;
        }
        if (ReportMath.requests(results) == 0) {
            System.err.println(prefix + ": no " + answer + " inside the measurement window");
            failed = true;
        }
        return failed ? 1 : 0;
    }
}
