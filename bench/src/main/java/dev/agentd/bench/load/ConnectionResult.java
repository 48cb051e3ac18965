package dev.agentd.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one connection measured: latencies (nanoseconds) and the count of successful responses
 * inside the measurement window, and every error of the whole run with the first one's text.
 */
record ConnectionResult(Histogram latencies, long requests, long errors, String firstError) implements Measurement {}
