package dev.agentd.bench.mcp;

import dev.agentd.bench.load.Measurement;
import org.HdrHistogram.Histogram;

/**
 * What one session measured inside the window: tool-call latencies (nanoseconds), the number of
 * successful calls, the facts and response bytes they returned; and every error of the whole run
 * with the first one's text.
 */
record McpConnectionResult(Histogram latencies, long requests, long results, long responseBytes,
        long errors, String firstError) implements Measurement {}
