package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A human-readable table (cli §5.1): a header row of upper-case column names, then one row per
 * item; columns left-aligned and padded to their widest cell, separated by two spaces, no
 * borders and no trailing spaces. An empty list prints the header only. Cell text follows
 * {@link CellText}.
 *
 * @param <T> the item type one row is made from
 */
final class Table<T> {
    static final String SEPARATOR = "  ";

    /**
     * One column: its header, where a cell's value comes from, and its maximum width (0: none).
     * A value is anything {@link CellText#of} accepts.
     */
    record Column<T>(String header, Function<T, ?> value, int maxWidth) {
        Column {
            if (maxWidth < 0) {
                throw new IllegalArgumentException("maxWidth: " + maxWidth + " (expected: >= 0, 0 for none)");
            }
            header = header.toUpperCase(Locale.ROOT);
        }

        static <T> Column<T> of(String header, Function<T, ?> value) {
            return new Column<>(header, value, 0);
        }

        /** A column of timestamps in any wire form, shown as RFC 3339 UTC seconds; unknown forms as they are. */
        static <T> Column<T> timestamp(String header, Function<T, JsonNode> value) {
            return of(header, item -> {
                JsonNode wire = value.apply(item);
                Optional<Instant> instant = WireTimestamp.parse(wire);
                return instant.isPresent() ? instant.get() : wire;
            });
        }

        Column<T> maxWidth(int width) {
            return new Column<>(header, value, width);
        }
    }

    private final List<Column<T>> columns;

    private Table(List<Column<T>> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns: [] (expected: at least one)");
        }
        this.columns = List.copyOf(columns);
    }

    @SafeVarargs
    static <T> Table<T> of(Column<T>... columns) {
        return new Table<>(List.of(columns));
    }

    /** The whole table, every line ending in {@code \n}. */
    String render(List<T> items) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toList());
        for (T item : items) {
            cells.add(columns.stream().map(column -> CellText.of(column.value().apply(item), column.maxWidth())).toList());
        }
        int[] widths = widths(cells);
        StringBuilder text = new StringBuilder();
        for (List<String> row : cells) {
            text.append(line(row, widths)).append('\n');
        }
        return text.toString();
    }

    private int[] widths(List<List<String>> cells) {
        int[] widths = new int[columns.size()];
        for (List<String> row : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], CellText.width(row.get(i)));
            }
        }
        return widths;
    }

    private static String line(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = row.get(i);
            line.append(cell);
            if (i < widths.length - 1) {
                line.append(" ".repeat(widths[i] - CellText.width(cell))).append(SEPARATOR);
            }
        }
        return line.toString().stripTrailing();
    }
}
