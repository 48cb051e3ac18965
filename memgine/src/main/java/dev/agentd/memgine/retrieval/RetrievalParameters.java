package dev.agentd.memgine.retrieval;

/** The fixed constants of memory §5.2–§5.3, shared by the index implementation and the reference. */
public final class RetrievalParameters {
    public static final int SEED_COUNT = 5;
    public static final double EXACT_WEIGHT = 3.0;
    public static final double STEM_WEIGHT = 2.0;
    public static final double SYNONYM_WEIGHT = 1.5;
    public static final double SUBSTRING_WEIGHT = 1.0;
    public static final double MIN_IDF = 0.1;
    public static final double UNSEEN_IDF = 1.0;
    public static final double RESET_CAP = 0.4;
    public static final double DAMPING = 0.5;
    public static final int MAX_ITERATIONS = 30;
    public static final double TOLERANCE = 1e-6;
    /** Mass below this neither spreads nor counts as a hit. */
    public static final double MIN_MASS = 1e-6;

    private RetrievalParameters() {}

    /**
     * {@code idf(t) = max(0.1, ln(N / (1 + df)))} when {@code df ≥ 1}, else 1. StrictMath keeps
     * the value bit-identical across JVMs, which the determinism rule of §5.3 needs.
     */
    public static double idf(int corpusSize, int documentFrequency) {
        if (documentFrequency < 1) {
            return UNSEEN_IDF;
        }
        return Math.max(MIN_IDF, StrictMath.log((double) Math.max(1, corpusSize) / (1 + documentFrequency)));
    }

    /**
     * The reset vector: weights normalised to sum 1, entries above 0.4 capped, and if any was
     * capped, normalised once more (no second capping). Sums run in the given order.
     */
    public static double[] resetVector(double[] weights) {
        double[] reset = new double[weights.length];
        double total = 0.0;
        for (double weight : weights) {
            total += weight;
        }
        boolean capped = false;
        for (int i = 0; i < weights.length; i++) {
            reset[i] = weights[i] / total;
            if (reset[i] > RESET_CAP) {
                reset[i] = RESET_CAP;
                capped = true;
            }
        }
        if (capped) {
            double cappedTotal = 0.0;
            for (double value : reset) {
                cappedTotal += value;
            }
            for (int i = 0; i < reset.length; i++) {
                reset[i] = reset[i] / cappedTotal;
            }
        }
        return reset;
    }
}
