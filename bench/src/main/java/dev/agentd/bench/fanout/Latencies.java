package dev.agentd.bench.fanout;

import org.HdrHistogram.Histogram;

/**
 * A latency histogram in nanoseconds (3 significant digits) that reports milliseconds. Values
 * below zero are recorded as zero and counted: a fan-out event can reach every subscriber before
 * the producer has read its own reply.
 */
public final class Latencies {
    private final Histogram histogram = new Histogram(3);
    private long negatives;

    public void record(long nanos) {
        if (nanos < 0) {
            negatives++;
            nanos = 0;
        }
        histogram.recordValue(nanos);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Samples that were below zero (recorded as zero). */
    public long negatives() {
        return negatives;
    }

    public double percentileMillis(double percentile) {
        return Math.round(histogram.getValueAtPercentile(percentile) / 1_000.0) / 1_000.0;
    }
}
