package dev.agentd.bench.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The one JSON line a load run prints. Latencies are in milliseconds, rounded to microseconds. */
@JsonPropertyOrder({"label", "connections", "depth", "duration_s", "requests", "errors", "rps",
        "p50_ms", "p99_ms", "p999_ms"})
record LoadReport(
        String label,
        int connections,
        int depth,
        @JsonProperty("duration_s") double durationSeconds,
        long requests,
        long errors,
        double rps,
        @JsonProperty("p50_ms") double p50Millis,
        @JsonProperty("p99_ms") double p99Millis,
        @JsonProperty("p999_ms") double p999Millis) {

    static LoadReport of(LoadOptions options, List<ConnectionResult> results) {
        Histogram latencies = ReportMath.latencies(results);
        long requests = ReportMath.requests(results);
        double seconds = options.duration().toNanos() / 1e9;
        return new LoadReport(options.label(), options.connections(), options.depth(), seconds,
                requests, ReportMath.errors(results), ReportMath.round(requests / seconds, 1),
                ReportMath.millis(latencies, 50), ReportMath.millis(latencies, 99), ReportMath.millis(latencies, 99.9));
    }
}
