package dev.agentd.memgine.graph;

import java.util.Arrays;

/**
 * A growable list of primitive ints. Postings and incident-edge lists are kept sorted ascending,
 * so {@link #insertSorted} and {@link #removeSorted} use binary search.
 */
public final class IntList {
    private int[] values;
    private int size;

    public IntList() {
        this(4);
    }

    public IntList(int capacity) {
        values = new int[Math.max(1, capacity)];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index];
    }

    public int last() {
        return get(size - 1);
    }

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** Makes room for {@code capacity} values in all, so adding up to that many does not grow the array. */
    public void ensureCapacity(int capacity) {
        if (capacity > values.length) {
            values = Arrays.copyOf(values, capacity);
        }
    }

    /** Inserts keeping ascending order; a value already present is not added twice. */
    public void insertSorted(int value) {
        if (size == 0 || values[size - 1] < value) {
            add(value);
            return;
        }
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at >= 0) {
            return;
        }
        int insertion = -at - 1;
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(values, insertion, values, insertion + 1, size - insertion);
        values[insertion] = value;
        size++;
    }

    /** Removes {@code value} from an ascending list; returns whether it was present. */
    public boolean removeSorted(int value) {
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at < 0) {
            return false;
        }
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        return true;
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
