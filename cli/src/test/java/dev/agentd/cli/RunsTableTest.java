package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The runs table of cli §6.9. */
class RunsTableTest {

    @Test
    void rowsInResultOrderWithSecondPrecisionTimesAndDashesForOpenRuns() {
        String table = RunsTable.render(TestJson.parse("""
                {"agent_id":"trader","runs":[
                  {"run_id":"r2","agent_id":"trader","intent":"second","started_at":"2025-06-01T10:00:00.900Z",
                   "status":"in_progress","turn_count":0},
                  {"run_id":"r1","agent_id":"trader","intent":"rebalance portfolio",
                   "started_at":"2025-06-01T09:30:00.000Z","ended_at":"2025-06-01T09:31:10.200Z",
                   "status":"completed","turn_count":2}]}"""));

        assertThat(table).isEqualTo("""
                RUN_ID  STATUS       TURNS  STARTED               ENDED                 INTENT
                r2      in_progress  0      2025-06-01T10:00:00Z  -                     second
                r1      completed    2      2025-06-01T09:30:00Z  2025-06-01T09:31:10Z  rebalance portfolio
                """);
    }

    @Test
    void intentIsCutAtFiftyCharacters() {
        String intent = "i".repeat(80);

        String table = RunsTable.render(TestJson.parse("{\"runs\":[{\"run_id\":\"r\",\"intent\":\"" + intent + "\"}]}"));

        assertThat(table.lines().skip(1).findFirst().orElseThrow()).endsWith("i".repeat(49) + "…");
    }

    @Test
    void noRunsPrintsTheHeaderOnly() {
        assertThat(RunsTable.render(TestJson.parse("{\"agent_id\":\"a\",\"runs\":[]}")))
                .isEqualTo("RUN_ID  STATUS  TURNS  STARTED  ENDED  INTENT\n");
    }
}
