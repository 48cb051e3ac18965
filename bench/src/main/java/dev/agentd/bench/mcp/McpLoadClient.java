package dev.agentd.bench.mcp;

import dev.agentd.bench.load.LoadRunOutput;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;

/**
 * MCP Streamable HTTP load client for {@code tools/call memory_query} (mcp §9, §12): {@code
 * --connections} keep-alive HTTP/1.1 connections, each with its own session ({@code initialize},
 * {@code notifications/initialized}), each calling the tool in a closed loop — one call in
 * flight, the next sent when the answer has been read — over the queries of {@code --queries}
 * in turn (each session starting at a different one), for {@code --warmup} plus {@code
 * --duration}; then it deletes the sessions and prints one JSON line for the measured part:
 *
 * <pre>{"label":"agentd","connections":16,"duration_s":20.0,"requests":123456,"errors":0,"rps":6172.8,
 *  "p50_ms":2.5,"p99_ms":4.1,"p999_ms":6.0,"mean_results":5.0,"mean_response_bytes":1834.2}</pre>
 *
 * <p>Every answer is checked: HTTP 200, {@code application/json}, the JSON-RPC response to that
 * call's id with a {@code result}, not {@code isError}, {@code structuredContent.results} an
 * array. Any failed check is an error. The client reports on stderr the share of a core that it
 * and, given {@code --server-pid}, the server used during the window. Exit status 0 when every
 * call succeeded, 1 on any error (the line is still printed, the first error goes to stderr), 2
 * for a bad command line. Run it through {@code bench/run-mcp.sh}, or by hand:
 *
 * <pre>java -cp bench/target/agentd-bench.jar dev.agentd.bench.mcp.McpLoadClient \
 *     --url http://127.0.0.1:9100/mcp --token-file ~/.agentd/auth-token --queries queries.json</pre>
 */
public final class McpLoadClient {
    private McpLoadClient() {}

    public static void main(String[] args) throws InterruptedException, IOException {
        // Netty logs through SLF4J when it is on the class path; keep stdout for the result line.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        McpLoadOptions options;
        try {
            options = McpLoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("McpLoadClient: " + e.getMessage());
            System.err.println(McpLoadOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    private static int run(McpLoadOptions options) throws InterruptedException, IOException {
        return LoadRunOutput.runAndPrint("McpLoadClient: " + options.label(), "answer",
                () -> McpLoadRun.execute(options), sessions -> McpLoadReport.of(options, sessions));
    }
}
