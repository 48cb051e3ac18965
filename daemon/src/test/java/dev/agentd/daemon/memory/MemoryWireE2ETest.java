package dev.agentd.daemon.memory;

import static dev.agentd.daemon.memory.MemoryConnections.TIMEOUT;
import static dev.agentd.daemon.memory.MemoryConnections.fact;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawWebSocket;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire shape of every {@code memory.*} method (memory §3), request and response as whole
 * envelopes, following the spec's examples; plus memory §12 checks 3, 9 (the wire part), 12 (the
 * environment part) and 14. Each test works in a namespace of its own on one shared daemon.
 */
class MemoryWireE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private RawWebSocket fresh(String prefix) {
        return MemoryConnections.rawNamespace(agentd, MemoryConnections.uniqueNamespace(prefix));
    }

    /** Memory §3.1–§3.4 in the order of their examples, on one graph. */
    @Test
    void factMethodsAnswerInTheCarShapes() {
        RawWebSocket ws = fresh("wire-facts");

        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":7,"method":"memory.add_fact","params":{"subject":"deploy target","body":"prod-eu-1"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":7,"result":1}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":8,"method":"memory.add_fact","params":{"subject":"deploy target","body":"prod-us-2",
                 "supersedes":"ws-deploy-target","tags":["authority:policy"]}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":8,"result":{"id":"ws-deploy-target-2","fact_count":1}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":9,"method":"memory.query","params":{"query":"which deploy target","k":3}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":9,"result":[{"id":"ws-deploy-target-2","subject":"deploy target",
                 "body":"prod-us-2","kind":"pattern","confidence":0.6666665077209473}]}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":3,"method":"memory.build_context","params":{"query":"which deploy target","model_context_window":8192}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":3,"result":"## Facts\\n- [ws-deploy-target-2] [org] deploy target: prod-us-2"}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":4,"method":"memory.fact_count","params":null}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":4,"result":1}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":5,"method":"memory.consolidate"}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":5,"result":{"pruned_expired":0,"superseded_gc":0,"conversation":null,"reflections":[],
                 "candidates_promoted":[],"candidates_rejected":[],"facts_before":2,"facts_after":2}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":10,"method":"memory.delete","params":{"id":"ws-deploy-target"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":10,"result":{"id":"ws-deploy-target","deleted":true,"kind":"pattern","fact_count":1}}""");
    }

    /** Memory §3.5–§3.8. */
    @Test
    void saveStatusFilesAndIngestionMethodsAnswerInTheirShapes() {
        RawWebSocket ws = fresh("wire-more");

        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":11,"method":"memory.save_procedural","params":{"subject":"flaky test",
                 "body":"retry the integration suite once; port clash on 9100","confidence":"high"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":11,"result":{"id":"procedural-flaky-test","kind":"procedural","fact_count":1}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":12,"method":"memory.save_knowledge","params":{"subject":"flaky test","body":"port 9100 is shared"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":12,"result":{"id":"knowledge-flaky-test","kind":"knowledge","fact_count":2}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":14,"method":"memory.update_status","params":{"body":"step 3/5: migrating","tenant_id":"acme"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":14,"result":{"id":"proactive-status:acme","body":"step 3/5: migrating","tenant_id":"acme"}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":15,"method":"memory.update_status","params":{"body":"idle"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":15,"result":{"id":"proactive-status:global","body":"idle"}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":16,"method":"memory.persist","params":{"path":"backups/wire.json"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":16,"result":2}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":17,"method":"memory.load","params":{"path":"../etc/passwd"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":17,"error":{"code":-32603,"message":"memory.load rejected path '../etc/passwd': '..' component"}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":18,"method":"memory.load","params":{"path":"backups/wire.json"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":18,"result":2}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":19,"method":"memory.set_identity","params":{"body":"User: Matt\\nRole: Director"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":19,"result":{"ok":true}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":20,"method":"memory.add_turn","params":{"speaker":"user","text":"Renew VendorX for one year."}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":20,"result":{"id":"turn:1","turn_count":1}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":21,"method":"memory.set_environment","params":{"key":"now","value":"2025-12-21T10:00:00-05:00"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":21,"result":{"key":"now","replaced":false,"expires_at":null}}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory.intervene", "memory.evaluate", "memory.maintain", "memory.utility_stats"})
    void laterMethodsAreNotFound(String method) {
        RawWebSocket ws = fresh("wire-later");

        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":1,"method":"%s","params":{}}""".formatted(method)))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"method not found: %s"}}""".formatted(method));
    }

    @Test
    void invalidParamsAreMinus32602WithTheFieldNamed() {
        RawWebSocket ws = fresh("wire-invalid");

        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":1,"method":"memory.add_fact","params":{"body":"b"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"invalid params: subject is required"}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":2,"method":"memory.query","params":{"query":"x","k":-1}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":2,"error":{"code":-32602,"message":"invalid params: k must be an integer >= 0"}}""");
        assertThatJson(ws.call("""
                {"jsonrpc":"2.0","id":3,"method":"memory.add_fact","params":{"subject":"s","body":"b","supersedes":"nope"}}"""))
                .isEqualTo("""
                {"jsonrpc":"2.0","id":3,"error":{"code":-32602,"message":"invalid params: unknown fact id in supersedes: 'nope'"}}""");
    }

    /** Check 3: the CAR count, the object form, minting, nothing overwritten. */
    @Test
    void addFactMintsIdsAndNeverOverwrites() {
        RpcClient client = MemoryConnections.namespace(agentd, MemoryConnections.uniqueNamespace("mint"));

        JsonNode bare = client.call("memory.add_fact", fact("Deploy target!", "blue"), TIMEOUT);
        JsonNode tagged = client.call("memory.add_fact", fact("Deploy target!", "green").set("tags", tagsOf("env")), TIMEOUT);
        JsonNode explicit = client.call("memory.add_fact", fact("owner", "ana").put("id", "owner"), TIMEOUT);
        JsonNode explicitAgain = client.call("memory.add_fact", fact("owner", "bo").put("id", "owner"), TIMEOUT);

        assertThat(bare.isInt()).as("the CAR form is a bare number: %s", bare).isTrue();
        assertThat(bare.intValue()).isEqualTo(1);
        assertThatJson(tagged).isEqualTo("""
                {"id":"ws-deploy-target-2","fact_count":2}""");
        assertThatJson(explicit).isEqualTo("""
                {"id":"owner","fact_count":3}""");
        assertThatJson(explicitAgain).isEqualTo("""
                {"id":"owner-2","fact_count":4}""");
        assertThat(MemoryConnections.factCount(client)).isEqualTo(4);
        assertThat(MemoryConnections.query(client, "deploy target").findValuesAsText("body"))
                .containsExactlyInAnyOrder("blue", "green");
        assertThat(MemoryConnections.query(client, "owner").findValuesAsText("body"))
                .containsExactlyInAnyOrder("ana", "bo");
    }

    /** Check 9, the parts a caller sees on the wire. */
    @Test
    void queryLimitsAndTheEmptyContext() {
        RpcClient client = MemoryConnections.namespace(agentd, MemoryConnections.uniqueNamespace("limits"));

        assertThat(MemoryConnections.context(client, "anything")).isEmpty();
        // one subject: RelatedTo edges connect the facts, so the walk reaches far more than k of them
        for (int i = 0; i < 120; i++) {
            client.call("memory.add_fact", fact("widget", "widget number " + i), TIMEOUT);
        }

        assertThatJson(client.call("memory.query", Map.of("query", ""), TIMEOUT)).isEqualTo("[]");
        assertThatJson(client.call("memory.query", Map.of("query", "widget", "k", 0), TIMEOUT)).isEqualTo("[]");
        assertThat(client.call("memory.query", Map.of("query", "widget", "k", 500), TIMEOUT).size()).isEqualTo(100);
        assertThat(MemoryConnections.query(client, "widget").size()).isEqualTo(5);
    }

    /** Check 12, environment part: replaced, and a short TTL that expires. */
    @Test
    void environmentEntriesAreReplacedAndExpire() {
        RpcClient client = MemoryConnections.namespace(agentd, MemoryConnections.uniqueNamespace("env"));

        JsonNode first = client.call("memory.set_environment", Map.of("key", "region", "value", "eu"), TIMEOUT);
        JsonNode second = client.call("memory.set_environment", Map.of("key", "region", "value", "us"), TIMEOUT);
        JsonNode shortLived = client.call("memory.set_environment",
                Map.of("key", "lease", "value", "held", "ttl_ms", 50), TIMEOUT);

        assertThatJson(first).isEqualTo("""
                {"key":"region","replaced":false,"expires_at":null}""");
        assertThatJson(second).isEqualTo("""
                {"key":"region","replaced":true,"expires_at":null}""");
        assertThatJson(shortLived).node("expires_at").isString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        await("the 50 ms environment entry expires").atMost(Duration.ofSeconds(5))
                .until(() -> !MemoryConnections.context(client, "lease").contains("lease"));
        assertThat(MemoryConnections.context(client, "region")).contains("- region: us").doesNotContain("eu");
    }

    /** Check 14: delete of a fact, of an unknown id, of the session's status slot. */
    @Test
    void deleteReportsWhatItRemoved() throws Exception {
        String namespace = MemoryConnections.uniqueNamespace("delete");
        RpcClient client = MemoryConnections.namespace(agentd, namespace);
        client.call("memory.add_fact", fact("rule", "no deploys on friday").put("kind", "constraint"), TIMEOUT);
        client.call("memory.add_fact", fact("kept", "still here"), TIMEOUT);
        client.call("memory.update_status", Map.of("body", "SECRET-STATUS-BODY"), TIMEOUT);

        JsonNode fact = client.call("memory.delete", Map.of("id", "ws-rule"), TIMEOUT);
        JsonNode unknown = client.call("memory.delete", Map.of("id", "ws-nope"), TIMEOUT);
        String context = MemoryConnections.context(client, "status");
        JsonNode hits = MemoryConnections.query(client, "SECRET-STATUS-BODY");
        JsonNode status = client.call("memory.delete", Map.of("id", "proactive-status:global"), TIMEOUT);
        JsonNode statusAgain = client.call("memory.delete", Map.of("id", "proactive-status:global"), TIMEOUT);

        assertThatJson(fact).isEqualTo("""
                {"id":"ws-rule","deleted":true,"kind":"constraint","fact_count":1}""");
        assertThatJson(unknown).isEqualTo("""
                {"id":"ws-nope","deleted":false,"kind":null,"fact_count":1}""");
        assertThatJson(status).isEqualTo("""
                {"id":"proactive-status:global","deleted":true,"kind":"status","fact_count":1}""");
        assertThatJson(statusAgain).isEqualTo("""
                {"id":"proactive-status:global","deleted":false,"kind":null,"fact_count":1}""");
        assertThat(context).doesNotContain("SECRET-STATUS-BODY");
        assertThatJson(hits).isEqualTo("[]");
        assertThat(Files.readString(MemoryConnections.journal(agentd.root(), namespace))).doesNotContain("SECRET-STATUS-BODY");
    }

    private static JsonNode tagsOf(String... tags) {
        return Json.mapper().valueToTree(List.of(tags));
    }
}
