package dev.agentd.memgine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.GraphView;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Streamed reading of import files and snapshots (memory §8.3, §9.5) reports what reading the
 * whole tree first reported: syntax errors anywhere win over entry errors, entry errors come in
 * the order identity, facts, edges, turns, environment, the last of duplicate members counts.
 */
class DocumentReaderTest {
    private static final String FACT = "{\"id\":\"a\",\"subject\":\"s\",\"body\":\"b\"}";

    @TempDir
    Path root;

    private GraphState load(String json) throws IOException {
        Path file = root.resolve("in.json");
        Files.writeString(file, json);
        return ImportFile.load(file, "in.json", 0, 1000);
    }

    private void assertLoadFails(String json, String message) {
        assertThatThrownBy(() -> load(json)).isInstanceOf(MemoryException.class)
                .hasMessage("memory.load failed: " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"facts\":[{\"subject\":\"s\"}],\"edges\":[                       | a syntax error after a bad entry",
        "[" + FACT + "] []                                                   | trailing tokens",
        "{\"facts\":[" + FACT + "]} {}                                       | a trailing object"})
    void syntaxErrorsAreReportedWhereTheTreeParserFindsThem(String json, String why) {
        com.fasterxml.jackson.core.JsonLocation at = treeParserLocation(json);
        assertLoadFails(json, "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    private static com.fasterxml.jackson.core.JsonLocation treeParserLocation(String json) {
        try {
            Json.mapper().readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return e.getLocation();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not a syntax error: " + json);
    }

    /** Core §10: messages never carry file contents, and load may be pointed at any file in its sandbox. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hunter2-password is not JSON at all",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"hunter2-password\",\"a\",\"a\"]]}",
        "{\"facts\":[hunter2-password]}",
        "[\"hunter2-password\"]",
        "{\"facts\":[{\"subject\":\"s\",\"body\":\"b\",\"created_at\":\"hunter2-password\"}]}"})
    void failuresDoNotQuoteTheFile(String json) {
        assertThatThrownBy(() -> load(json)).isInstanceOf(MemoryException.class)
                .hasMessageStartingWith("memory.load failed: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("password"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"facts\":[" + FACT + ",{\"subject\":1}],\"edges\":[[\"R\"]]}         | subject must be a string at facts[1]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"R\",\"a\",\"a\"],[\"R\",\"a\"]]} | an edge must be [kind, from, to] at edges[1]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"R\",1,\"a\"]]}                 | an edge must be [kind, from, to] at edges[0]",
        "{\"facts\":[" + FACT + "],\"edges\":[{\"R\":\"a\"}]}                   | an edge must be [kind, from, to] at edges[0]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"Q\",\"a\",\"a\"]]}             | unknown edge kind (one of R, D, S, T) at edges[0]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"Q\",\"a\",\"a\"]],\"turns\":5}  | unknown edge kind (one of R, D, S, T) at edges[0]",
        "{\"turns\":5,\"facts\":[" + FACT + "]}                                 | turns must be an array",
        "{\"environment\":[{\"key\":\"k\"}],\"identity\":7,\"facts\":[]}        | identity must be a string of at most 16384 chars",
        "{\"facts\":[" + FACT + "],\"facts\":5}                                 | expected an export document, an object with \"facts\", or an array of facts",
        "[5]                                                                 | entry must be an object at facts[0]",
        "[null]                                                              | entry must be an object at facts[0]"})
    void entryErrorsComeInDocumentOrderWithTheirIndex(String json, String message) {
        assertLoadFails(json, message);
    }

    @Test
    void theLastOfDuplicateMembersCountsAndNonArrayEdgesMeanDerivedEdges() throws IOException {
        GraphState state = load("{\"facts\":\"replaced\",\"facts\":[" + FACT
                + ",{\"id\":\"b\",\"subject\":\"s\",\"body\":\"c\"}],\"edges\":{},\"turns\":null,\"unknown\":[[1]]}");

        assertThat(GraphView.of(state).nodes()).extracting(GraphView.ViewNode::id).containsExactly("a", "b");
        assertThat(GraphView.of(state).edges()).as("RelatedTo derived by the insertion rule")
                .containsExactly(new GraphView.ViewEdge(dev.agentd.memgine.graph.EdgeKind.RELATED_TO, "b", "a"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[[\"R\",\"f\",\"ghost\"],[\"R\",\"f\"]] | an edge names a node the snapshot does not hold",
        "[[\"R\",\"f\"],[\"R\",\"f\",\"ghost\"]] | an edge must be [kind, from, to]",
        "5                                      | edges must be an array"})
    void snapshotEdgeErrorsComeInEdgeOrder(String edges, String message) throws IOException {
        Files.writeString(SnapshotFile.path(root), "{\"format\":\"agentd-memgine-snapshot\",\"version\":1,"
                + "\"journal_lsn\":0,\"next_seq\":2,\"next_turn\":1,\"counters\":{},\"identity\":null,"
                + "\"facts\":[{\"seq\":1,\"id\":\"f\",\"subject\":\"s\",\"body\":\"b\",\"created_at\":0}],"
                + "\"edges\":" + edges + ",\"turns\":[],\"environment\":[]}");

        assertThatThrownBy(() -> SnapshotFile.read(root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /**
     * Fact entries are read from the tokens with the rules {@code Fields} applies to a tree: a
     * wrong member is reported first in the fixed member order (subject, body, kind, id, tags,
     * authority, seq, is_constraint, confidence, …), not in file order, and the last duplicate counts.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"seq\":\"x\",\"subject\":7,\"body\":\"b\"}                    | subject must be a string",
        "{\"seq\":\"x\",\"subject\":\"s\"}                                 | body is required",
        "{\"subject\":\"s\",\"body\":null}                                  | body is required",
        "{\"confidence\":true,\"subject\":\"s\",\"body\":\"b\",\"tags\":[1]} | tags must hold strings",
        "{\"subject\":\"s\",\"body\":\"b\",\"tags\":\"t\"}               | tags must be an array",
        "{\"subject\":\"s\",\"body\":\"b\",\"seq\":1.5}                    | seq must be an integer",
        "{\"subject\":\"s\",\"body\":\"b\",\"seq\":99999999999999999999}   | seq must be an integer",
        "{\"subject\":\"s\",\"body\":\"b\",\"is_constraint\":1}            | is_constraint must be a boolean",
        "{\"subject\":\"s\",\"body\":\"b\",\"confidence\":\"high\"}        | confidence must be a number",
        "{\"subject\":\"s\",\"body\":\"b\",\"confidence\":2}               | confidence must be a finite number from 0 to 1",
        "{\"subject\":\"s\",\"body\":\"b\",\"created_at\":\"yesterday\"}   | created_at is not an RFC 3339 timestamp",
        "{\"subject\":\"s\",\"body\":\"b\",\"expires_at\":{\"at\":[1]}}     | expires_at must be a timestamp",
        "{\"subject\":\"s\",\"body\":\"b\",\"depends_on\":[[\"x\"]]}        | depends_on must hold strings",
        "{\"subject\":\"s\",\"body\":\"b\",\"needs_review\":\"no\"}         | needs_review must be a boolean",
        "{\"subject\":\"s\",\"body\":\"ok\",\"body\":5}                    | body must be a string",
        "{\"subject\":\"s\",\"body\":\"b\",\"id\":\"bad id\"}              | id must use only the characters [A-Za-z0-9._:/@+-]"})
    void factMembersFollowTheTreeRulesInMemberOrder(String fact, String message) {
        assertLoadFails("[" + fact + "]", message + " at facts[0]");
    }

    @Test
    void aFactReadFromTokensKeepsEveryMemberLastDuplicatesAndSkipsUnknownOnes() throws IOException {
        GraphState state = load("[{\"subject\":5,\"subject\":\"deploy\",\"body\":\"b\",\"extra\":{\"deep\":[1,{\"x\":[]}]},"
                + "\"kind\":\"constraint\",\"id\":\"f1\",\"tags\":[\"authority:user\",\"ops\"],\"seq\":4,"
                + "\"confidence\":0.25,\"confidence_label\":\"low\",\"tenant_id\":\"t\",\"created_at\":\"1970-01-01T00:00:01Z\","
                + "\"expires_at\":null,\"valid\":true,\"depends_on\":[],\"needs_review\":true}]");

        dev.agentd.memgine.graph.Fact fact = state.fact(state.indexOf("f1"));
        assertThat(fact.subject()).isEqualTo("deploy");
        assertThat(fact.kind()).isEqualTo("constraint");
        assertThat(fact.isConstraint()).as("defaults to kind == constraint").isTrue();
        assertThat(fact.tags()).containsExactly("authority:user", "ops");
        assertThat(fact.authority()).as("from the tags when absent").isEqualTo("user");
        assertThat(fact.confidence()).isEqualTo(0.25);
        assertThat(fact.confidenceLabel()).isEqualTo("low");
        assertThat(fact.tenantId()).isEqualTo("t");
        assertThat(fact.createdAt()).isEqualTo(1000L);
        assertThat(fact.expiresAt()).isNull();
        assertThat(fact.needsReview()).isTrue();
    }
}
