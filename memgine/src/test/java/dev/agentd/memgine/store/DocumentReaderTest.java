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
    void syntaxErrorsAreReportedAsTheTreeParserReportsThem(String json, String why) {
        String treeMessage = treeParserMessage(json);
        assertLoadFails(json, "invalid JSON: " + treeMessage);
    }

    private static String treeParserMessage(String json) {
        try {
            Json.mapper().readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not a syntax error: " + json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"facts\":[" + FACT + ",{\"subject\":1}],\"edges\":[[\"R\"]]}         | subject must be a string at facts[1]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"R\",\"a\",\"a\"],[\"R\",\"a\"]]} | an edge must be [kind, from, to] at edges[1]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"R\",1,\"a\"]]}                 | an edge must be [kind, from, to] at edges[0]",
        "{\"facts\":[" + FACT + "],\"edges\":[{\"R\":\"a\"}]}                   | an edge must be [kind, from, to] at edges[0]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"Q\",\"a\",\"a\"]]}             | unknown edge kind 'Q' at edges[0]",
        "{\"facts\":[" + FACT + "],\"edges\":[[\"Q\",\"a\",\"a\"]],\"turns\":5}  | unknown edge kind 'Q' at edges[0]",
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
        "[[\"R\",\"f\",\"ghost\"],[\"R\",\"f\"]] | edge names unknown node 'ghost'",
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
}
