package dev.agentd.memgine.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.ManualClock;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.TestGraphs;
import dev.agentd.protocol.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Params of every {@code memory.*} method (§3): types, defaults, null-as-absent and the exact messages. */
class MemoryParamsTest {
    @TempDir
    Path dir;

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(MemoryException.class,
                e -> assertThat(e.kind()).isEqualTo(MemoryException.Kind.INVALID_PARAMS)).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "null params           | null                                              | invalid params: subject is required",
        "array params          | [1]                                               | invalid params: params must be an object",
        "confidence string     | {\"subject\":\"s\",\"body\":\"b\",\"confidence\":\"high\"} | invalid params: confidence must be a number",
        "depends_on string     | {\"subject\":\"s\",\"body\":\"b\",\"depends_on\":\"x\"} | invalid params: depends_on must be an array of strings",
        "expires_at words      | {\"subject\":\"s\",\"body\":\"b\",\"expires_at\":\"tomorrow\"} | invalid params: expires_at must be an RFC 3339 timestamp or epoch milliseconds",
        "kind too long         | {\"subject\":\"s\",\"body\":\"b\",\"kind\":\"KIND65\"} | invalid params: kind must be 1..64 chars",
        "65 depends_on         | {\"subject\":\"s\",\"body\":\"b\",\"depends_on\":[DEPS65]} | invalid params: depends_on must hold at most 64 ids",
        "id of 129 chars       | {\"subject\":\"s\",\"body\":\"b\",\"id\":\"ID129\"}    | invalid params: id must be 1..128 chars",
        "status-slot id        | {\"subject\":\"s\",\"body\":\"b\",\"id\":\"proactive-status:x\"} | invalid params: id must not start with 'proactive-status:'",
        "env id                | {\"subject\":\"s\",\"body\":\"b\",\"id\":\"env:x\"}  | invalid params: id must not start with 'env:'",
        "empty tag             | {\"subject\":\"s\",\"body\":\"b\",\"tags\":[\"\"]}    | invalid params: tags entries must be 1..128 chars",
    })
    void addFactParamErrors(String name, String params, String message) {
        String text = params.replace("KIND65", "k".repeat(65)).replace("ID129", "i".repeat(129))
                .replace("DEPS65", String.join(",", java.util.stream.IntStream.range(0, 65)
                        .mapToObj(i -> "\"d" + i + "\"").toList()));
        assertInvalid(() -> MemoryParams.addFact(json(text), FactInput.Source.WEBSOCKET), message);
    }

    @Test
    void addFactReadsEveryParamAndTreatsNullAsAbsent() {
        JsonNode params = json("""
                {"subject":"s","body":"b","kind":"constraint","id":"x","supersedes":null,"depends_on":["a","a","b"],
                 "confidence":0.25,"expires_at":"2025-06-01T11:00:00+02:00","tags":["authority:executive"],"extra":1}""");

        FactInput input = MemoryParams.addFact(params, FactInput.Source.MCP);

        assertThat(input.isConstraint()).isTrue();
        assertThat(input.dependsOn()).containsExactly("a", "b");
        assertThat(input.confidence()).isEqualTo(0.25);
        assertThat(input.expiresAt()).isEqualTo(ManualClock.at("2025-06-01T09:00:00Z").millis());
        assertThat(input.supersedes()).isNull();
        assertThat(MemoryParams.wantsObjectResult(json("{\"subject\":\"s\",\"body\":\"b\",\"id\":null,\"kind\":\"k\"}")))
                .isFalse();
        assertThat(MemoryParams.addFact(json("{\"subject\":\"s\",\"body\":\"b\",\"expires_at\":1748768400000}"),
                FactInput.Source.WEBSOCKET).expiresAt()).isEqualTo(1_748_768_400_000L);
    }

    @Test
    void saveParams() {
        FactInput knowledge = MemoryParams.save(json("""
                {"subject":"s","body":"b","confidence":"high","tenant_id":"acme","is_constraint":true,"kind":"ignored"}"""),
                FactInput.Source.KNOWLEDGE);
        assertThat(knowledge.kind()).isEqualTo("knowledge");
        assertThat(knowledge.confidenceLabel()).isEqualTo("high");
        assertThat(knowledge.confidence()).isNull();
        assertThat(knowledge.isConstraint()).isTrue();
        assertThat(knowledge.tenantId()).isEqualTo("acme");
        assertThat(MemoryParams.save(json("{\"subject\":\"s\",\"body\":\"b\"}"), FactInput.Source.PROCEDURAL)
                .isConstraint()).isFalse();
        assertInvalid(() -> MemoryParams.save(json("{\"subject\":\"s\",\"body\":\"b\",\"confidence\":0.5}"),
                FactInput.Source.KNOWLEDGE), "invalid params: confidence must be a string");
        assertInvalid(() -> MemoryParams.save(json("{\"subject\":\"s\",\"body\":\"b\",\"confidence\":\"" + "c".repeat(33)
                + "\"}"), FactInput.Source.KNOWLEDGE), "invalid params: confidence must be at most 32 chars");
        assertInvalid(() -> MemoryParams.save(json("{\"subject\":\"s\",\"body\":\"b\",\"tenant_id\":\"" + "t".repeat(129)
                + "\"}"), FactInput.Source.PROCEDURAL), "invalid params: tenant_id must be at most 128 chars");
    }

    @Test
    void queryAndContextParams() {
        assertThat(MemoryParams.query(json("{\"query\":\"q\",\"k\":1000000000000000000000000}")).k()).isEqualTo(100);
        assertInvalid(() -> MemoryParams.query(json("{\"query\":\"q\",\"k\":1.5}")), "invalid params: k must be an integer");
        assertInvalid(() -> MemoryParams.query(json("{\"k\":1}")), "invalid params: query is required");
        assertThat(MemoryParams.buildContext(json("{\"query\":\"q\"}")))
                .isEqualTo(new MemoryParams.BuildContext("q", null, false));
        assertThat(MemoryParams.buildContext(json("{\"query\":\"q\",\"model_context_window\":1,\"show_history\":true}")))
                .isEqualTo(new MemoryParams.BuildContext("q", 1, true));
        for (String window : List.of("0", "10000001", "-5")) {
            assertInvalid(() -> MemoryParams.buildContext(json("{\"query\":\"q\",\"model_context_window\":" + window + "}")),
                    "invalid params: model_context_window must be an integer from 1 to 10000000");
        }
        assertInvalid(() -> MemoryParams.buildContext(json("{\"query\":\"q\",\"show_history\":\"yes\"}")),
                "invalid params: show_history must be a boolean");
    }

    @Test
    void ingestionLimitsAreCheckedByTheGraph() {
        MemoryGraph graph = TestGraphs.open(dir, ManualClock.at("2025-06-01T09:00:00Z"));
        try {
            Function<String, MemoryParams.AddTurn> turn = text -> MemoryParams.addTurn(json(text));
            MemoryParams.AddTurn longSpeaker = turn.apply("{\"speaker\":\"" + "s".repeat(65) + "\",\"text\":\"t\"}");
            assertInvalid(() -> graph.addTurn(longSpeaker.speaker(), longSpeaker.text(), longSpeaker.ts()),
                    "invalid params: speaker must be 1..64 chars");
            assertInvalid(() -> graph.addTurn("user", "", null), "invalid params: text must be 1..65536 chars");
            assertInvalid(() -> MemoryParams.addTurn(json("{\"speaker\":\"u\",\"text\":\"t\",\"ts\":\"noon\"}")),
                    "invalid params: ts must be an RFC 3339 timestamp or epoch milliseconds");
            MemoryParams.SetEnvironment zeroTtl = MemoryParams.setEnvironment(
                    json("{\"key\":\"k\",\"value\":\"v\",\"ttl_ms\":0}"));
            assertInvalid(() -> graph.setEnvironment(zeroTtl.key(), zeroTtl.value(), zeroTtl.ttlMs()),
                    "invalid params: ttl_ms must be an integer from 1 to 31536000000");
            assertInvalid(() -> graph.setEnvironment("", "v", null), "invalid params: key must be 1..256 chars");
            assertInvalid(() -> graph.setIdentity("b".repeat(16385)), "invalid params: body must be at most 16384 chars");
            assertInvalid(() -> MemoryParams.updateStatus(json("{\"body\":\"" + "b".repeat(16385) + "\"}")),
                    "invalid params: body must be at most 16384 chars");
            assertThat(MemoryParams.updateStatus(json("{\"body\":\"x\"}")).slotId()).isEqualTo("proactive-status:global");
            assertInvalid(() -> MemoryParams.path(json("{}")), "invalid params: path is required");
            assertThat(graph.factCount()).isZero();
            assertThat(graph.turnCount()).isZero();
        } finally {
            graph.close();
        }
    }
}
