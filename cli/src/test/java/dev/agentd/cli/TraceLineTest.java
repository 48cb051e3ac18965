package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The record lines of cli §6.10, on records shaped as runs §1 stores them. */
class TraceLineTest {
    private static String line(String record) {
        return TraceLine.of(TestJson.parse(record));
    }

    @Test
    void theSpecificationsExampleLines() {
        assertThat(line("""
                {"record":"started","run_id":"r1","agent_id":"trader","intent":"rebalance portfolio",
                 "started_at":"2025-06-01T09:30:12.345Z"}"""))
                .isEqualTo("started  2025-06-01T09:30:12Z  agent=trader  intent=\"rebalance portfolio\"");
        assertThat(line("""
                {"record":"turn","index":1,"ts":"2025-06-01T09:30:13.000Z","verifier_verdict":"pass",
                 "output":"3 positions adjusted"}"""))
                .isEqualTo("turn 1   verdict=pass  output=\"3 positions adjusted\"");
        assertThat(line("""
                {"record":"ended","status":"completed","outcome":{"status":"success","summary":"rebalanced 3 positions",
                 "evidence":[],"metrics":{}},"ended_at":"2025-06-01T09:31:10.200Z","turn_count":2}"""))
                .isEqualTo("ended    completed  summary=\"rebalanced 3 positions\"");
    }

    @Test
    void textIsCutAtOneHundredCharactersInsideTheQuotes() {
        String prompt = "find the latest quotes for " + "x".repeat(200);

        String turn = line("{\"record\":\"turn\",\"index\":0,\"tool\":\"search\",\"verifier_verdict\":\"not_run\","
                + "\"prompt\":\"" + prompt + "\"}");

        String expectedPrompt = prompt.substring(0, 99) + "…";
        assertThat(turn).isEqualTo("turn 0   tool=search  verdict=not_run  prompt=\"" + expectedPrompt + "\"");
    }

    @Test
    void newlinesAreFlattenedAndQuotesEscaped() {
        String turn = line("{\"record\":\"turn\",\"index\":3,\"verifier_verdict\":\"not_run\","
                + "\"prompt\":\"say \\\"hi\\\"\\r\\nthen\\tstop \\\\o/\"}");

        assertThat(turn).isEqualTo("turn 3   verdict=not_run  prompt=\"say \\\"hi\\\" then stop \\\\o/\"");
    }

    @Test
    void jsonValuesAreCompactAndUnquotedInTheRecordsFieldOrder() {
        String turn = line("""
                {"record":"turn","index":12,"ts":"2025-06-01T09:30:13.000Z","prompt":"p","tool":"http.get",
                 "parameters":{"url":"https://api.example/positions"},"output":{"count":12},
                 "cli_outcome":{"exit":0},"verifier_verdict":"fail","policy_rejected":true}""");

        assertThat(turn).isEqualTo("turn 12  tool=http.get  verdict=fail  prompt=\"p\""
                + "  parameters={\"url\":\"https://api.example/positions\"}  output={\"count\":12}"
                + "  cli_outcome={\"exit\":0}  policy_rejected=true");
    }

    @Test
    void absentAndNullFieldsAreLeftOut() {
        assertThat(line("{\"record\":\"turn\",\"index\":0,\"prompt\":null,\"verifier_verdict\":\"not_run\"}"))
                .isEqualTo("turn 0   verdict=not_run");
        assertThat(line("{\"record\":\"started\",\"agent_id\":\"a\",\"intent\":\"i\"}"))
                .isEqualTo("started  agent=a  intent=\"i\"");
    }

    @Test
    void optionalStartedFieldsUseTheirNames() {
        assertThat(line("""
                {"record":"started","run_id":"eval-1","agent_id":"name:eval-runner","intent":"nightly eval",
                 "agent_name":"Eval Runner","outcome_description":"all green","started_at":"2025-06-01T09:30:00.000Z"}"""))
                .isEqualTo("started  2025-06-01T09:30:00Z  agent=name:eval-runner  agent_name=\"Eval Runner\""
                        + "  intent=\"nightly eval\"  outcome_description=\"all green\"");
    }

    @Test
    void incompleteEndingShowsItsReason() {
        assertThat(line("""
                {"record":"ended","status":"incomplete","incomplete":{"reason":"daemon_shutdown"},
                 "ended_at":"2025-06-01T09:31:15.000Z","turn_count":2}"""))
                .isEqualTo("ended    incomplete  reason=daemon_shutdown");
        assertThat(line("{\"record\":\"ended\",\"status\":\"incomplete\"}")).isEqualTo("ended    incomplete");
    }

    @Test
    void aCompletedOutcomeWithoutSummaryShowsTheStatusOnly() {
        assertThat(line("{\"record\":\"ended\",\"status\":\"completed\",\"outcome\":{\"status\":\"partial\"}}"))
                .isEqualTo("ended    completed");
    }

    @Test
    void anUnknownRecordKindIsShownWhole() {
        assertThat(line("{\"record\":\"note\",\"text\":\"x\"}"))
                .isEqualTo("note     {\"record\":\"note\",\"text\":\"x\"}");
    }
}
