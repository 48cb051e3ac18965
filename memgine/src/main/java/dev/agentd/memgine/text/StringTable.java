package dev.agentd.memgine.text;

import java.util.Arrays;

/**
 * Numbers distinct strings densely in the order they were first added, and looks up a region of
 * a string or of a character buffer without copying it out. Bulk reads meet the same few strings
 * over and over — a vocabulary token in every document that holds it, a fact id at both ends of
 * its edges — and allocating a {@link String} per occurrence only to find the one already stored
 * was a large share of their time and garbage.
 *
 * <p>Open addressing over a power-of-two slot array of {@code number + 1} (0 = empty), starting
 * at the top bits of the hash times the golden ratio: the low bits of {@link String#hashCode} of
 * short, similar ids cluster. Region hashes use {@link String#hashCode}'s formula.
 * Not thread-safe: one writer, and readers only when no writer is active.
 */
public final class StringTable {
    private static final float LOAD = 0.5f;
    private static final int GOLDEN = 0x9E3779B9;

    private String[] strings;
    private int[] hashes;
    private int[] slots;
    private int size;

    public StringTable() {
        this(16);
    }

    public StringTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / LOAD)) - 1) << 1;
        slots = new int[capacity];
        strings = new String[Math.max(16, expected)];
        hashes = new int[strings.length];
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
        return equals(get(number), chars, offset, length);
    }

    /** The number of {@code text}, or -1 when it was never added. */
    public int find(String text) {
        return find(text, 0, text.length());
    }

    /** The number of {@code text[start, end)}, or -1. */
    public int find(String text, int start, int end) {
        return slots[slotOf(text, start, end, hash(text, start, end))] - 1;
    }

    /** The number of {@code text}, added if new. */
    public int add(String text) {
        return add(text, 0, text.length());
    }

    /** The number of {@code text[start, end)}, added (as a new string) if new. */
    public int add(String text, int start, int end) {
        int hash = hash(text, start, end);
        int slot = slotOf(text, start, end, hash);
        if (slots[slot] != 0) {
            return slots[slot] - 1;
        }
        return insert(slot, start == 0 && end == text.length() ? text : text.substring(start, end), hash);
    }

    /** The number of {@code chars[offset, offset + length)}, added (as a new string) if new. */
    public int add(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = home(hash, slots.length);
        for (int number = slots[slot] - 1; number >= 0; number = slots[slot] - 1) {
            if (hashes[number] == hash && equals(strings[number], chars, offset, length)) {
                return number;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return insert(slot, new String(chars, offset, length), hash);
    }

    /** The slot holding {@code text[start, end)}, or the empty slot where it would go. */
    private int slotOf(String text, int start, int end, int hash) {
        int slot = home(hash, slots.length);
        for (int number = slots[slot] - 1; number >= 0; number = slots[slot] - 1) {
            if (hashes[number] == hash && strings[number].length() == end - start
                    && strings[number].regionMatches(0, text, start, end - start)) {
                return slot;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return slot;
    }

    private int insert(int slot, String text, int hash) {
        int number = size++;
        if (number == strings.length) {
            strings = Arrays.copyOf(strings, number * 2);
            hashes = Arrays.copyOf(hashes, number * 2);
        }
        strings[number] = text;
        hashes[number] = hash;
        slots[slot] = number + 1;
        if (size > slots.length * LOAD) {
            rehash(slots.length * 2);
        }
        return number;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int number = 0; number < size; number++) {
            int slot = home(hashes[number], capacity);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (capacity - 1);
            }
            slots[slot] = number + 1;
        }
    }

    /** The first slot to probe for {@code hash} in a table of {@code capacity} (a power of two). */
    private static int home(int hash, int capacity) {
        return (hash * GOLDEN) >>> Integer.numberOfLeadingZeros(capacity - 1);
    }

    private static int hash(String text, int start, int end) {
        if (start == 0 && end == text.length()) {
            return text.hashCode();
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }

    private static boolean equals(String stored, char[] chars, int offset, int length) {
        if (stored.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (stored.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
