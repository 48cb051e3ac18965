package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The agents table of cli §6.4 and the quoting of its COMMAND column. */
class AgentsTableTest {
    private static JsonNode json(String text) {
        return TestJson.parse(text);
    }

    @Test
    void emptyListIsExactlyTheHeader() {
        assertThat(AgentsTable.sorted(json("[]"))).isEqualTo("ID  STATUS  PID  EXIT  RESTARTS  ATTACHED  COMMAND\n");
    }

    /** The example of cli §6.4, from agentd's nested row shape. */
    @Test
    void rendersTheSpecExample() {
        JsonNode rows = json("""
                [{"spec":{"id":"trader","name":"Trader","command":"/usr/bin/node","args":["/opt/trader/main.js"],
                  "env":{},"restart":"on_failure","max_restarts":10,"backoff_secs":5,"auto_start":true,"capabilities":[]},
                  "status":"running","pid":4821,"restart_count":0,"started_at":1748770200,"attached":true,
                  "session_id":"c-5e0b9a1c7f3a2d41"}]""");

        assertThat(AgentsTable.sorted(rows)).isEqualTo("""
                ID      STATUS   PID   EXIT  RESTARTS  ATTACHED  COMMAND
                trader  running  4821  -     0         yes       /usr/bin/node /opt/trader/main.js
                """);
    }

    @Test
    void rowsAreSortedByIdAndFlattenedRowsWorkToo() {
        JsonNode rows = json("""
                [{"spec":{"id":"zeta","command":"/bin/z"},"status":"stopped","restart_count":0,"attached":false},
                 {"id":"alpha","command":"/bin/a","args":[],"status":"errored","last_exit_code":1,"restart_count":3,"attached":false},
                 {"spec":{"id":"Mid","command":"/bin/m"},"status":"backoff","last_exit_code":143,"restart_count":1,"attached":false}]""");

        assertThat(AgentsTable.sorted(rows)).isEqualTo("""
                ID     STATUS   PID  EXIT  RESTARTS  ATTACHED  COMMAND
                Mid    backoff  -    143   1         no        /bin/m
                alpha  errored  -    1     3         no        /bin/a
                zeta   stopped  -    -     0         no        /bin/z
                """);
    }

    @Test
    void argumentsWithWhitespaceOrQuotesAreQuoted() {
        JsonNode row = json("""
                {"spec":{"id":"q","command":"/opt/my tools/run","args":["plain","two words","it's","say \\"hi\\"","","tab\\there"]},
                 "status":"stopped","restart_count":0,"attached":false}""");

        assertThat(AgentsTable.commandLine(row))
                .isEqualTo("'/opt/my tools/run' plain 'two words' 'it'\\''s' 'say \"hi\"' '' 'tab\there'");
    }

    @Test
    void longIdAndCommandAreCutAtTheirMaximums() {
        String id = "a".repeat(70);
        JsonNode row = json("{\"spec\":{\"id\":\"" + id + "\",\"command\":\"/bin/sh\",\"args\":[\"" + "x".repeat(80)
                + "\"]},\"status\":\"stopped\",\"restart_count\":0,\"attached\":false}");

        String line = AgentsTable.single(row).lines().toList().get(1);

        assertThat(line).startsWith("a".repeat(63) + "…  stopped");
        assertThat(line).endsWith("  /bin/sh " + "x".repeat(51) + "…");
    }

    @Test
    void missingCommandIsADash() {
        JsonNode row = json("{\"spec\":{\"id\":\"x\"},\"status\":\"stopped\",\"restart_count\":0,\"attached\":false}");

        assertThat(AgentsTable.single(row)).endsWith("  -\n");
    }
}
