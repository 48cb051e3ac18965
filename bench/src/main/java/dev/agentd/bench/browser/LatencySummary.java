package dev.agentd.bench.browser;

import java.util.List;

/**
 * Percentiles of a handful of wall-time samples, by nearest rank (the p-th percentile is the
 * smallest sample with at least p % of the samples at or below it). The Playwright peer
 * ({@code bench/browser-peer/peer.mjs}) computes its figures the same way.
 */
record LatencySummary(int samples, double p50Ms, double p90Ms, double minMs, double maxMs) {

    static LatencySummary of(List<Double> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("samples: none (expected: at least one)");
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new LatencySummary(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 90),
                sorted[0], sorted[sorted.length - 1]);
    }

    private static double nearestRank(double[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
