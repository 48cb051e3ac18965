package dev.agentd.bench.load;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;

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
        return LoadRunOutput.runAndPrint("LoadClient: " + options.label(), "response",
                () -> LoadRun.execute(options), results -> LoadReport.of(options, results));
    }
}
