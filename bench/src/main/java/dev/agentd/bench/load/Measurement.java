package dev.agentd.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one connection measured: latencies (nanoseconds) and the count of successful answers
 * inside the measurement window, and every error of the whole run with the first one's text.
 */
public interface Measurement {
    Histogram latencies();

    long requests();

    long errors();

    String firstError();
}
