package dev.agentd.memgine.retrieval;

/**
 * Sorts node indexes by activation descending, lower index first on ties, on primitive arrays.
 * A stable merge sort of an ascending input gives the tie order for free.
 */
final class ActivationOrder {
    private static final int INSERTION_SORT_MAX = 24;

    private ActivationOrder() {}

    /** Sorts {@code nodes}, which must be ascending, by {@code activation[node]} descending. */
    static void sort(int[] nodes, double[] activation) {
        int[] buffer = nodes.clone();
        mergeSort(buffer, nodes, 0, nodes.length, activation);
    }

    /** Sorts {@code target[from, to)}, with {@code source} holding the same values on entry. */
    private static void mergeSort(int[] source, int[] target, int from, int to, double[] activation) {
        if (to - from <= INSERTION_SORT_MAX) {
            insertionSort(target, from, to, activation);
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(target, source, from, middle, activation);
        mergeSort(target, source, middle, to, activation);
        merge(source, target, from, middle, to, activation);
    }

    private static void merge(int[] source, int[] target, int from, int middle, int to, double[] activation) {
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            boolean takeRight = right < to
                    && (left == middle || activation[source[right]] > activation[source[left]]);
            target[out] = takeRight ? source[right++] : source[left++];
        }
    }

    private static void insertionSort(int[] nodes, int from, int to, double[] activation) {
        for (int i = from + 1; i < to; i++) {
            int node = nodes[i];
            double value = activation[node];
            int j = i - 1;
            while (j >= from && activation[nodes[j]] < value) {
                nodes[j + 1] = nodes[j];
                j--;
            }
            nodes[j + 1] = node;
        }
    }
}
