package dev.agentd.memgine.retrieval;

import java.util.Arrays;

/**
 * A set of node indexes that hands its members back in ascending order and empties itself, so
 * the walk gets the ascending union of support and pushed-to nodes without a merge.
 *
 * <p>Members are kept both as bits and in insertion order. A dense set is read back by scanning
 * the words between its lowest and highest member; a sparse one (members spread thinly over a
 * large graph) is sorted instead, so no read-back is proportional to the graph.
 */
final class AscendingNodeSet {
    /** Scan the bits while the words spanned are at most this many per member; sort otherwise. */
    private static final int WORDS_PER_MEMBER_TO_SCAN = 8;

    private long[] words = new long[0];
    private int[] members = new int[0];
    private int size;
    private int lowestWord = Integer.MAX_VALUE;
    private int highestWord = -1;

    /** Makes room for node indexes below {@code nodes}; growing empties the set. */
    void ensureCapacity(int nodes) {
        if (members.length < nodes) {
            words = new long[(nodes + 63) >>> 6];
            members = new int[nodes];
            forgetMembers();
        }
    }

    void add(int node) {
        int word = node >>> 6;
        long bit = 1L << node;
        if ((words[word] & bit) == 0) {
            words[word] |= bit;
            members[size++] = node;
            lowestWord = Math.min(lowestWord, word);
            highestWord = Math.max(highestWord, word);
        }
    }

    /** Writes the members ascending into {@code target}, empties the set and returns how many. */
    int drainAscending(int[] target) {
        int count = size;
        if (count == 0) {
            return 0;
        }
        if (highestWord - lowestWord < (long) count * WORDS_PER_MEMBER_TO_SCAN) {
            scanBits(target);
        } else {
            sortMembers(target);
        }
        forgetMembers();
        return count;
    }

    private void scanBits(int[] target) {
        int n = 0;
        for (int word = lowestWord; word <= highestWord; word++) {
            long bits = words[word];
            words[word] = 0L;
            int base = word << 6;
            while (bits != 0L) {
                target[n++] = base + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
    }

    private void sortMembers(int[] target) {
        Arrays.sort(members, 0, size);
        for (int i = 0; i < size; i++) {
            int node = members[i];
            words[node >>> 6] = 0L;
            target[i] = node;
        }
    }

    /** Empties the set after a user failed half-way. */
    void wipe() {
        Arrays.fill(words, 0L);
        forgetMembers();
    }

    private void forgetMembers() {
        size = 0;
        lowestWord = Integer.MAX_VALUE;
        highestWord = -1;
    }
}
