package dev.agentd.bench.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/** The arithmetic of the load reports' JSON lines. */
public final class ReportMath {
    private ReportMath() {}

    /** Every connection's latencies in one histogram. */
    public static Histogram latencies(List<? extends Measurement> connections) {
        Histogram latencies = new Histogram(3);
        for (Measurement connection : connections) {
            latencies.add(connection.latencies());
        }
        return latencies;
    }

    public static long requests(List<? extends Measurement> connections) {
        return connections.stream().mapToLong(Measurement::requests).sum();
    }

    public static long errors(List<? extends Measurement> connections) {
        return connections.stream().mapToLong(Measurement::errors).sum();
    }

    /** A latency percentile in milliseconds, rounded to microseconds. */
    public static double millis(Histogram latencies, double percentile) {
        return round(latencies.getValueAtPercentile(percentile) / 1e6, 3);
    }

    public static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
