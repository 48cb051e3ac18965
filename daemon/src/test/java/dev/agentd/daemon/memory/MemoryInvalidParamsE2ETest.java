package dev.agentd.daemon.memory;

import static dev.agentd.daemon.RpcAssertions.assertRpcError;
import static dev.agentd.daemon.RpcAssertions.assertRpcErrorStartsWith;
import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Memory §12 check 4 over the protocol: each bad input is -32602 and changes neither
 * {@code fact_count} nor the journal. All cases run against one graph holding a valid fact.
 */
class MemoryInvalidParamsE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static String namespace;

    @BeforeAll
    static void seedTheGraph() {
        namespace = MemoryConnections.uniqueNamespace("invalid");
        MemoryConnections.namespace(agentd, namespace)
                .call("memory.add_fact", MemoryConnections.fact("base", "the one valid fact"), TIMEOUT);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("missing subject", """
                        {"body":"b"}""", "invalid params: subject is required"),
                Arguments.of("body: 5", """
                        {"subject":"s","body":5}""", "invalid params: body must be a string"),
                Arguments.of("confidence: 1.5", """
                        {"subject":"s","body":"b","confidence":1.5}""",
                        "invalid params: confidence must be a finite number from 0 to 1"),
                Arguments.of("expires_at in the past", """
                        {"subject":"s","body":"b","expires_at":"2001-01-01T00:00:00.000Z"}""",
                        "invalid params: expires_at must be later than now"),
                Arguments.of("supersedes unknown", """
                        {"subject":"s","body":"b","supersedes":"ws-nope"}""",
                        "invalid params: unknown fact id in supersedes: 'ws-nope'"),
                Arguments.of("depends_on unknown", """
                        {"subject":"s","body":"b","depends_on":["ws-base","ws-nope"]}""",
                        "invalid params: unknown fact id in depends_on: 'ws-nope'"),
                Arguments.of("id turn:1", """
                        {"subject":"s","body":"b","id":"turn:1"}""", "invalid params: id must not start with 'turn:'"),
                Arguments.of("id with a space", """
                        {"subject":"s","body":"b","id":"a b"}""", null),
                Arguments.of("33 tags", """
                        {"subject":"s","body":"b","tags":%s}""".formatted(tags(33)),
                        "invalid params: tags must hold at most 32 entries"),
                Arguments.of("subject of 1025 chars", """
                        {"subject":"%s","body":"b"}""".formatted("s".repeat(1025)),
                        "invalid params: subject must be 1..1024 chars"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRejectedAndChangesNothing(String name, String params, String message) throws Exception {
        RpcClient client = MemoryConnections.namespace(agentd, namespace);
        Path journal = MemoryConnections.journal(agentd.root(), namespace);
        long journalBytes = Files.size(journal);
        JsonNode paramsNode = Json.mapper().readTree(params);

        if (message == null) {
            assertRpcErrorStartsWith(() -> client.call("memory.add_fact", paramsNode, TIMEOUT), -32602, "invalid params: id ");
        } else {
            assertRpcError(() -> client.call("memory.add_fact", paramsNode, TIMEOUT), -32602, message);
        }

        assertThat(MemoryConnections.factCount(client)).isEqualTo(1);
        assertThat(Files.size(journal)).isEqualTo(journalBytes);
    }

    private static String tags(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        return json.append(']').toString();
    }
}
