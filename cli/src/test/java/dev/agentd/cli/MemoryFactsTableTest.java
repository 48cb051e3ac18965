package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The facts table of cli §6.8: columns, 4-decimal scores, result order, cuts at the column widths. */
class MemoryFactsTableTest {
    @Test
    void emptyResultIsExactlyTheHeader() {
        assertThat(MemoryFactsTable.render(TestJson.parse("[]"))).isEqualTo("SCORE  KIND  ID  SUBJECT  BODY\n");
    }

    @Test
    void rowsKeepResultOrderWithFourDecimalScores() {
        String table = MemoryFactsTable.render(TestJson.parse("""
                [{"id":"ws-deploy-target-2","subject":"deploy target","body":"prod-us-2","kind":"pattern","confidence":0.6666665077209473},
                 {"id":"rule","subject":"vendor","body":"no auto-renew\\nwithout review","kind":"constraint","confidence":0.05}]"""));

        assertThat(table).isEqualTo("""
                SCORE   KIND        ID                  SUBJECT        BODY
                0.6667  pattern     ws-deploy-target-2  deploy target  prod-us-2
                0.0500  constraint  rule                vendor         no auto-renew without review
                """);
    }

    @Test
    void longCellsAreCutAtTheColumnWidths() {
        String table = MemoryFactsTable.render(TestJson.parse("""
                [{"id":"%s","subject":"%s","body":"%s","kind":"%s","confidence":1}]"""
                .formatted("i".repeat(40), "s".repeat(40), "b".repeat(70), "k".repeat(20))));

        assertThat(table.lines().toList().get(1)).isEqualTo(String.join("  ", "1.0000", "k".repeat(15) + "…",
                "i".repeat(31) + "…", "s".repeat(29) + "…", "b".repeat(59) + "…"));
    }
}
