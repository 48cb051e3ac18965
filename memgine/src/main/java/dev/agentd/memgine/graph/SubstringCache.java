package dev.agentd.memgine.graph;

import dev.agentd.memgine.text.StringTable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which vocabulary tokens contain a fragment (memory §5.5 substring tiers). Each cached entry
 * remembers how much of the append-only vocabulary it has scanned, so a lookup after new tokens
 * arrived scans only the new ones and writers never pay for the cache. Shared by concurrent
 * readers, hence synchronized.
 */
final class SubstringCache {
    private static final int MAX_ENTRIES = 4096;

    private static final class Entry {
        final IntList vocabIds = new IntList();
        int scanned;
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized int[] vocabularyContaining(String fragment, StringTable vocabulary) {
        Entry entry = entries.computeIfAbsent(fragment, f -> new Entry());
        int size = vocabulary.size();
        for (int i = entry.scanned; i < size; i++) {
            if (vocabulary.get(i).contains(fragment)) {
                entry.vocabIds.add(i);
            }
        }
        entry.scanned = size;
        return entry.vocabIds.toArray();
    }
}
