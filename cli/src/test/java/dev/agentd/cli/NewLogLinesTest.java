package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Picking the new lines of a window from the growth in bytes (cli §6.7). */
class NewLogLinesTest {
    private static final List<String> WINDOW = List.of("old-1", "old-2", "new-1", "new-2");

    @Test
    void takesLinesFromTheNewestUntilTheirSizesCoverTheGrowth() {
        NewLogLines.Taken taken = NewLogLines.take(WINDOW, "new-1\nnew-2\n".length());

        assertThat(taken.lines()).containsExactly("new-1", "new-2");
        assertThat(taken.coveredGrowth()).isTrue();
    }

    @Test
    void anUnterminatedLastLineStillCountsOneForItsNewline() {
        // "new-2" without its "\n" yet: 11 bytes of growth, the two lines count 12.
        NewLogLines.Taken taken = NewLogLines.take(WINDOW, "new-1\nnew-2".length());

        assertThat(taken.lines()).containsExactly("new-1", "new-2");
        assertThat(taken.coveredGrowth()).isTrue();
    }

    @Test
    void sizesAreUtf8Bytes() {
        List<String> window = List.of("old", "é", "日本");

        assertThat(NewLogLines.take(window, 7).lines()).containsExactly("日本");
        assertThat(NewLogLines.take(window, 8).lines()).containsExactly("é", "日本");
    }

    @Test
    void noGrowthTakesNothing() {
        NewLogLines.Taken taken = NewLogLines.take(WINDOW, 0);

        assertThat(taken.lines()).isEmpty();
        assertThat(taken.coveredGrowth()).isTrue();
    }

    @Test
    void growthBeyondTheWindowTakesTheWholeWindowAndSaysSo() {
        NewLogLines.Taken taken = NewLogLines.take(WINDOW, 1000);

        assertThat(taken.lines()).isEqualTo(WINDOW);
        assertThat(taken.coveredGrowth()).isFalse();
    }

    @Test
    void emptyLinesCountTheirNewline() {
        List<String> window = List.of("x", "", "");

        assertThat(NewLogLines.take(window, 2).lines()).containsExactly("", "");
    }
}
