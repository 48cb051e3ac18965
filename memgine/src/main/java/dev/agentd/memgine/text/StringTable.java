package dev.agentd.memgine.text;

import java.util.Arrays;

/**
 * Numbers distinct strings densely in the order they were first added, and looks up a region of
 * a string or of a character buffer without copying it out. Bulk reads meet the same few strings
 * over and over — a vocabulary token in every document that holds it, a fact id at both ends of
 * its edges — and allocating a {@link String} per occurrence only to find the one already stored
 * was a large share of their time and garbage.
 *
 * <p>Lookups are bound by memory latency, so each touches as little as it can: a slot holds the
 * hash next to the number, and the characters of every entry sit in one pool, so a hit costs the
 * slot and one compare against the pool instead of walking to a {@code String} and its array.
 * Open addressing with linear probing over a power-of-two slot array, starting at the top bits
 * of the hash times the golden ratio (the low bits of {@link String#hashCode} of short, similar
 * ids cluster). Not thread-safe: one writer, and readers only when no writer is active.
 */
public final class StringTable {
    private static final float LOAD = 0.5f;
    private static final int GOLDEN = 0x9E3779B9;

    /** {@code hash << 32 | (number + 1)}; 0 is empty. */
    private long[] slots;
    private String[] strings;
    /** Entry {@code n}'s characters are {@code pool[starts[n], starts[n + 1])}. */
    private int[] starts;
    private char[] pool;
    private int size;
    /** A string region's characters, copied out for the writer's lookup ({@link #find} does not use it). */
    private char[] scratch = new char[64];

    public StringTable() {
        this(16);
    }

    public StringTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / LOAD)) - 1) << 1;
        slots = new long[capacity];
        strings = new String[Math.max(16, expected)];
        starts = new int[strings.length + 1];
        pool = new char[strings.length * 8];
    }

    public int size() {
        return size;
    }

    /** The string numbered {@code number}. */
    public String get(int number) {
        if (number >= size) {
            throw new IndexOutOfBoundsException(number);
        }
        return strings[number];
    }

    /** Whether string {@code number} is {@code chars[offset, offset + length)}. */
    public boolean matches(int number, char[] chars, int offset, int length) {
        return starts[number + 1] - starts[number] == length
                && Arrays.equals(pool, starts[number], starts[number + 1], chars, offset, offset + length);
    }

    /** The number of {@code text}, or -1 when it was never added. Safe for concurrent readers. */
    public int find(String text) {
        int hash = text.hashCode();
        int mask = slots.length - 1;
        for (int slot = home(hash, slots.length); ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int number = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && matches(number, text)) {
                return number;
            }
        }
    }

    private boolean matches(int number, String text) {
        int start = starts[number];
        if (starts[number + 1] - start != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (pool[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The number of {@code text}, added if new. */
    public int add(String text) {
        return add(text, 0, text.length());
    }

    /** The number of {@code text[start, end)}, added (as a new string) if new. */
    public int add(String text, int start, int end) {
        int length = copy(text, start, end);
        return add(scratch, 0, length);
    }

    /** The number of {@code chars[offset, offset + length)}, added (as a new string) if new. */
    public int add(char[] chars, int offset, int length) {
        int hash = hash(chars, offset, length);
        int slot = slotOf(chars, offset, length, hash);
        if (slots[slot] != 0) {
            return (int) slots[slot] - 1;
        }
        return insert(slot, chars, offset, length, hash);
    }

    private int copy(String text, int start, int end) {
        int length = end - start;
        if (length > scratch.length) {
            scratch = new char[Math.max(length, scratch.length * 2)];
        }
        text.getChars(start, end, scratch, 0);
        return length;
    }

    /** The slot holding {@code chars[offset, offset + length)}, or the empty slot where it would go. */
    private int slotOf(char[] chars, int offset, int length, int hash) {
        int mask = slots.length - 1;
        for (int slot = home(hash, slots.length); ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0 || ((int) (entry >>> 32) == hash && matches((int) entry - 1, chars, offset, length))) {
                return slot;
            }
        }
    }

    private int insert(int slot, char[] chars, int offset, int length, int hash) {
        int number = size++;
        if (number == strings.length) {
            strings = Arrays.copyOf(strings, number * 2);
            starts = Arrays.copyOf(starts, number * 2 + 1);
        }
        int start = starts[number];
        if (start + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(start + length, pool.length * 2));
        }
        System.arraycopy(chars, offset, pool, start, length);
        starts[number + 1] = start + length;
        strings[number] = new String(chars, offset, length);
        slots[slot] = (long) hash << 32 | (number + 1);
        if (size > slots.length * LOAD) {
            rehash(slots.length * 2);
        }
        return number;
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = new long[capacity];
        for (long entry : old) {
            if (entry != 0) {
                int slot = home((int) (entry >>> 32), capacity);
                while (slots[slot] != 0) {
                    slot = (slot + 1) & (capacity - 1);
                }
                slots[slot] = entry;
            }
        }
    }

    /** The first slot to probe for {@code hash} in a table of {@code capacity} (a power of two). */
    private static int home(int hash, int capacity) {
        return (hash * GOLDEN) >>> Integer.numberOfLeadingZeros(capacity - 1);
    }

    /** {@link String#hashCode}'s formula over the region. */
    private static int hash(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        return hash;
    }
}
