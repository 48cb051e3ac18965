package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table rules of cli §5.1, on rows given as JSON the way the commands receive them. */
class TableTest {
    private static final Table<JsonNode> NAME_AND_FLAG = Table.of(
            Table.Column.of("name", row -> row.get("name")),
            Table.Column.of("Flag", row -> row.get("flag")));

    private static List<JsonNode> rows(String... json) {
        List<JsonNode> rows = new ArrayList<>();
        for (String row : json) {
            rows.add(TestJson.parse(row));
        }
        return rows;
    }

    @Test
    void emptyListPrintsHeaderOnlyInUpperCase() {
        assertThat(NAME_AND_FLAG.render(List.of())).isEqualTo("NAME  FLAG\n");
    }

    @Test
    void columnsArePaddedToWidestCellWithTwoSpacesAndNoTrailingSpace() {
        String table = NAME_AND_FLAG.render(rows("{\"name\":\"a\",\"flag\":true}", "{\"name\":\"longer-name\",\"flag\":false}"));

        assertThat(table).isEqualTo("""
                NAME         FLAG
                a            yes
                longer-name  no
                """);
    }

    @Test
    void absentAndNullCellsAreDashes() {
        String table = NAME_AND_FLAG.render(rows("{\"flag\":null}"));

        assertThat(table).isEqualTo("NAME  FLAG\n-     -\n");
    }

    @Test
    void trailingEmptyCellsLeaveNoTrailingSpaces() {
        String table = NAME_AND_FLAG.render(rows("{\"name\":\"x\",\"flag\":\"\"}"));

        assertThat(table.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
        assertThat(table).isEqualTo("NAME  FLAG\nx\n");
    }

    @Test
    void numbersAndNestedValuesAreShownAsText() {
        Table<JsonNode> table = Table.of(Table.Column.of("n", row -> row.get("n")), Table.Column.of("obj", row -> row.get("obj")));

        assertThat(table.render(rows("{\"n\":42,\"obj\":{\"a\":[1,2]}}"))).isEqualTo("N   OBJ\n42  {\"a\":[1,2]}\n");
    }

    @Test
    void plainJavaValuesWork() {
        Table<String> table = Table.of(Table.Column.of("word", word -> word), Table.Column.of("long", word -> word.length() > 3));

        assertThat(table.render(List.of("hi", "hello"))).isEqualTo("WORD   LONG\nhi     no\nhello  yes\n");
    }

    @Test
    void controlCharactersBecomeOneSpacePerRun() {
        String table = NAME_AND_FLAG.render(rows("{\"name\":\"one\\ntwo\\r\\nthree\\tfour\\u0000five\",\"flag\":\"x\"}"));

        assertThat(table).isEqualTo("""
                NAME                     FLAG
                one two three four five  x
                """);
    }

    @Test
    void cellsLongerThanTheMaximumAreCutWithAnEllipsis() {
        Table<String> table = Table.of(Table.Column.<String>of("text", text -> text).maxWidth(5), Table.Column.of("n", String::length));

        String rendered = table.render(List.of("abcdefgh", "abcde", "ab"));

        assertThat(rendered).isEqualTo("""
                TEXT   N
                abcd…  8
                abcde  5
                ab     2
                """);
    }

    @Test
    void widthCountsCodePointsAndNeverSplitsASurrogatePair() {
        Table<String> table = Table.of(Table.Column.<String>of("t", text -> text).maxWidth(3), Table.Column.of("end", text -> "|"));

        assertThat(table.render(List.of("😀😀😀😀", "é"))).isEqualTo("""
                T    END
                😀😀…  |
                é    |
                """);
    }

    @Test
    void flattenedTextIsMeasuredAfterFlattening() {
        Table<String> table = Table.of(Table.Column.<String>of("t", text -> text).maxWidth(4));

        assertThat(table.render(List.of("a\n\n\nb"))).isEqualTo("T\na b\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1748770212             | 2025-06-01T09:30:12Z",
        "1748770212.987         | 2025-06-01T09:30:12Z",
        "1748770212987          | 2025-06-01T09:30:12Z",
        "\"2025-06-01T09:30:12.5Z\"      | 2025-06-01T09:30:12Z",
        "\"2025-06-01T11:30:12+02:00\"   | 2025-06-01T09:30:12Z",
        "\"2025-06-01t09:30:12z\"        | 2025-06-01T09:30:12Z",
        "\"2025-06-01 09:30:12.999Z\"    | 2025-06-01T09:30:12Z",
        "0                      | 1970-01-01T00:00:00Z",
        "\"yesterday\"          | yesterday",
        "null                   | -",
    })
    void timestampsInAnyWireFormAreRfc3339UtcSeconds(String wire, String shown) {
        Table<JsonNode> table = Table.of(Table.Column.timestamp("started", row -> row.get("at")));

        String rendered = table.render(rows("{\"at\":" + wire + "}"));

        assertThat(rendered).isEqualTo("STARTED\n" + shown + "\n");
    }

    @Test
    void absentTimestampIsADash() {
        Table<JsonNode> table = Table.of(Table.Column.timestamp("ended", row -> row.get("ended_at")));

        assertThat(table.render(rows("{}"))).isEqualTo("ENDED\n-\n");
    }

    @Test
    void columnsAreRequiredAndWidthsNonNegative() {
        assertThatThrownBy(Table::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Table.Column.of("x", row -> row).maxWidth(-1))
                .hasMessage("maxWidth: -1 (expected: >= 0, 0 for none)");
    }
}
