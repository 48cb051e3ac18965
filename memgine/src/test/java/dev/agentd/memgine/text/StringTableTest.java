package dev.agentd.memgine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StringTableTest {
    @Test
    void numbersDistinctStringsInFirstAddedOrder() {
        StringTable table = new StringTable();
        assertThat(table.add("alpha")).isEqualTo(0);
        assertThat(table.add("beta")).isEqualTo(1);
        assertThat(table.add("alpha")).isEqualTo(0);
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.get(1)).isEqualTo("beta");
        assertThatThrownBy(() -> table.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void regionsOfStringsAndCharBuffersMeetTheSameEntry() {
        StringTable table = new StringTable();
        int number = table.add("the lazy dog", 4, 8);
        char[] buffer = "xxlazyxx".toCharArray();
        assertThat(table.add(buffer, 2, 4)).isEqualTo(number);
        assertThat(table.find("lazy")).isEqualTo(number);
        assertThat(table.matches(number, buffer, 2, 4)).isTrue();
        assertThat(table.matches(number, buffer, 2, 3)).isFalse();
        assertThat(table.matches(number, buffer, 1, 4)).isFalse();
        assertThat(table.find("laz")).isEqualTo(-1);
        assertThat(table.find("lazy!")).isEqualTo(-1);
        assertThat(table.get(number)).isEqualTo("lazy");
    }

    @Test
    void emptyAndNonLatinRegionsAreEntriesLikeAnyOther() {
        StringTable table = new StringTable();
        int empty = table.add("", 0, 0);
        int greek = table.add("λόγος", 0, 5);
        assertThat(table.add(new char[0], 0, 0)).isEqualTo(empty);
        assertThat(table.add("ο λόγος".toCharArray(), 2, 5)).isEqualTo(greek);
        assertThat(table.find("")).isEqualTo(empty);
    }

    @Test
    void agreesWithAHashMapThroughManyGrowthsAndCollisions() {
        StringTable table = new StringTable(4);
        Map<String, Integer> expected = new HashMap<>();
        List<String> order = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            // "Aa" and "BB" share a hash code, so strings built from them collide in every table size
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(1, 6); j > 0; j--) {
                text.append(random.nextBoolean() ? "Aa" : "BB");
            }
            text.append(random.nextInt(300)).append("é".repeat(random.nextInt(3)));
            String key = text.toString();
            char[] padded = ("<" + key + ">").toCharArray();
            int number = random.nextBoolean() ? table.add(key) : table.add(padded, 1, key.length());
            Integer previous = expected.putIfAbsent(key, number);
            if (previous == null) {
                order.add(key);
                assertThat(number).isEqualTo(order.size() - 1);
            } else {
                assertThat(number).isEqualTo(previous);
            }
        }
        assertThat(table.size()).isEqualTo(expected.size());
        for (int i = 0; i < order.size(); i++) {
            assertThat(table.get(i)).isEqualTo(order.get(i));
            assertThat(table.find(order.get(i))).isEqualTo(i);
            assertThat(table.find(order.get(i) + "x")).isEqualTo(expected.getOrDefault(order.get(i) + "x", -1));
        }
    }
}
