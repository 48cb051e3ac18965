package dev.agentd.bench.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.agentd.bench.load.ReportMath;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The one JSON line a load run prints. Latencies are in milliseconds, rounded to microseconds;
 * {@code mean_results} and {@code mean_response_bytes} show what an answer held, so two servers'
 * figures can be seen to be for the same work.
 */
@JsonPropertyOrder({"label", "connections", "duration_s", "requests", "errors", "rps", "p50_ms", "p99_ms",
        "p999_ms", "mean_results", "mean_response_bytes"})
record McpLoadReport(
        String label,
        int connections,
        @JsonProperty("duration_s") double durationSeconds,
        long requests,
        long errors,
        double rps,
        @JsonProperty("p50_ms") double p50Millis,
        @JsonProperty("p99_ms") double p99Millis,
        @JsonProperty("p999_ms") double p999Millis,
        @JsonProperty("mean_results") double meanResults,
        @JsonProperty("mean_response_bytes") double meanResponseBytes) {

    static McpLoadReport of(McpLoadOptions options, List<McpConnectionResult> sessions) {
        Histogram latencies = ReportMath.latencies(sessions);
        long requests = ReportMath.requests(sessions);
        long results = sessions.stream().mapToLong(McpConnectionResult::results).sum();
        long bytes = sessions.stream().mapToLong(McpConnectionResult::responseBytes).sum();
        double seconds = options.duration().toNanos() / 1e9;
        return new McpLoadReport(options.label(), options.connections(), seconds, requests,
                ReportMath.errors(sessions), ReportMath.round(requests / seconds, 1),
                ReportMath.millis(latencies, 50), ReportMath.millis(latencies, 99), ReportMath.millis(latencies, 99.9),
                ReportMath.round(mean(results, requests), 2), ReportMath.round(mean(bytes, requests), 1));
    }

    private static double mean(long total, long count) {
        return count == 0 ? 0 : (double) total / count;
    }
}
