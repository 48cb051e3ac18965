package dev.agentd.bench.load;

import dev.agentd.bench.load.ConnectionOpener.SetupFailedException;
import dev.agentd.protocol.Json;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * WebSocket JSON-RPC load client: {@code --connections} connections each keep {@code --depth}
 * requests in flight for {@code --warmup} plus {@code --duration}, then it prints one JSON line
 * with the throughput and latency percentiles of the measured part:
 *
 * <pre>{"label":"agentd","connections":64,"depth":8,"duration_s":20.0,"requests":1234567,"errors":0,
 *  "rps":61728.4,"p50_ms":0.95,"p99_ms":2.1,"p999_ms":3.4}</pre>
 *
 * <p>It also reports on stderr the share of a core that it and, given {@code --server-pid}, the
 * server used during the measurement: a server well below 100% was not what limited the figure.
 * Exit status 0 when every request got its result, 1 when any error occurred (the line is
 * still printed, the first error goes to stderr), 2 for a bad command line. Run it through
 * {@code bench/run-load.sh}, or by hand:
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.load.LoadClient \
 *     --url ws://127.0.0.1:9100/ --token-file ~/.agentd/auth-token --connections 64 --depth 8</pre>
 */
public final class LoadClient {
    private LoadClient() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        // Netty logs through SLF4J when it is on the class path; keep stdout for the result line.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadClient: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    private static int run(LoadOptions options) throws InterruptedException, IOException {
        LoadOutcome outcome;
        try {
            outcome = LoadRun.execute(options);
        } catch (SetupFailedException | ExecutionException e) {
            System.err.println("LoadClient: " + options.label() + ": " + e.getMessage());
            return 1;
        }
        List<ConnectionResult> results = outcome.connections();
        LoadReport report = LoadReport.of(options, results);
        System.out.println(Json.mapper().writeValueAsString(report));
        System.out.flush();
        System.err.println("LoadClient: " + options.label() + ": CPU during the measurement: " + outcome.cpuUse());
        boolean failed = false;
        if (report.errors() > 0) {
            results.stream().map(ConnectionResult::firstError).filter(Objects::nonNull).findFirst()
                    .ifPresent(error -> System.err.println("LoadClient: " + options.label() + ": "
                            + report.errors() + " error(s), first: " + error));
            failed = true;
        }
        if (report.requests() == 0) {
            System.err.println("LoadClient: " + options.label() + ": no response inside the measurement window");
            failed = true;
        }
        return failed ? 1 : 0;
    }
}
