package dev.agentd.memgine;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.params.MemoryParams;
import dev.agentd.protocol.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked examples of memory §3 and §6.6, down to the exact result JSON and context bytes. */
class SpecExamplesTest {
    @TempDir
    Path dir;

    private MemoryGraph graph;

    @BeforeEach
    void open() {
        graph = TestGraphs.open(dir, ManualClock.at("2025-06-01T09:00:00Z"));
    }

    @AfterEach
    void close() {
        graph.close();
    }

    private static JsonNode params(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    private static String json(Object value) throws Exception {
        return Json.mapper().writeValueAsString(value);
    }

    @Test
    void section3Examples() throws Exception {
        JsonNode first = params("{\"subject\":\"deploy target\",\"body\":\"prod-eu-1\"}");
        JsonNode second = params("""
                {"subject":"deploy target","body":"prod-us-2","supersedes":"ws-deploy-target","tags":["authority:policy"]}""");

        assertThat(graph.addFact(MemoryParams.addFact(first, FactInput.Source.WEBSOCKET)).factCount()).isEqualTo(1);
        FactWriteResult superseding = graph.addFact(MemoryParams.addFact(second, FactInput.Source.WEBSOCKET));
        assertThat(superseding.id()).isEqualTo("ws-deploy-target-2");
        assertThat(superseding.factCount()).isEqualTo(1);

        MemoryParams.Query query = MemoryParams.query(params("{\"query\":\"which deploy target\",\"k\":3}"));
        assertThatJson(json(graph.query(query.query(), query.k()))).isEqualTo("""
                [{"id":"ws-deploy-target-2","subject":"deploy target","body":"prod-us-2","kind":"pattern",
                  "confidence":0.6666665077209473}]""");
        assertThat(graph.query(query.query(), query.k()).get(0).confidence()).isEqualTo(0.6666665077209473);

        MemoryParams.BuildContext context = MemoryParams.buildContext(
                params("{\"query\":\"which deploy target\",\"model_context_window\":8192}"));
        assertThat(graph.buildContext(context.query(), context.modelContextWindow(), context.showHistory()))
                .isEqualTo("## Facts\n- [ws-deploy-target-2] [org] deploy target: prod-us-2");
        assertThat(graph.factCount()).isEqualTo(1);
        assertThatJson(json(graph.consolidate())).isEqualTo("""
                {"pruned_expired":0,"superseded_gc":0,"conversation":null,"reflections":[],
                 "candidates_promoted":[],"candidates_rejected":[],"facts_before":2,"facts_after":2}""");
        assertThatJson(json(graph.delete("ws-deploy-target"))).isEqualTo("""
                {"id":"ws-deploy-target","deleted":true,"kind":"pattern","fact_count":1}""");

        FactInput procedural = MemoryParams.save(params("""
                {"subject":"flaky test","body":"retry the integration suite once; port clash on 9100","confidence":"high"}"""),
                FactInput.Source.PROCEDURAL);
        assertThatJson(json(graph.addFact(procedural))).isEqualTo("""
                {"id":"procedural-flaky-test","kind":"procedural","fact_count":2}""");

        graph.setIdentity(MemoryParams.identityBody(params("{\"body\":\"User: Matt\\nRole: Director\"}")));
        MemoryParams.AddTurn turn = MemoryParams.addTurn(params(
                "{\"speaker\":\"user\",\"text\":\"Renew VendorX for one year.\"}"));
        assertThatJson(json(graph.addTurn(turn.speaker(), turn.text(), turn.ts()))).isEqualTo("""
                {"id":"turn:1","turn_count":1}""");
        MemoryParams.SetEnvironment environment = MemoryParams.setEnvironment(params(
                "{\"key\":\"now\",\"value\":\"2025-12-21T10:00:00-05:00\"}"));
        assertThatJson(json(graph.setEnvironment(environment.key(), environment.value(), environment.ttlMs())))
                .isEqualTo("""
                        {"key":"now","replaced":false,"expires_at":null}""");
        assertThat(MemoryParams.updateStatus(params("{\"body\":\"step 3/5: migrating\",\"tenant_id\":\"acme\"}"))
                .slotId()).isEqualTo("proactive-status:acme");
    }

    @Test
    void section6LayoutExample() {
        graph.setIdentity("User: Matt\nRole: Director");
        graph.addFact(TestGraphs.factBuilder("vendor_policy", "No auto-renew without CFO review")
                .id("vendor_policy").kind("constraint").build());
        graph.addFact(TestGraphs.factBuilder("renew_vendorx", "approved: renew for one year").id("renew_vendorx")
                .tags(java.util.List.of("authority:user")).build());
        graph.addTurn("user", "Renew VendorX for one year. Keep it simple.", null);
        graph.addFact(TestGraphs.factBuilder("renew_vendorx_v2", "do not renew; renegotiate first")
                .id("renew_vendorx_v2").supersedes("renew_vendorx").tags(java.util.List.of("authority:user")).build());
        graph.addTurn("user", "Actually, hold off. Finance says we renegotiate first.", null);
        graph.setEnvironment("now", "2025-12-21T10:00:00-05:00", null);

        assertThat(graph.buildContext("Should we renew VendorX?", null, false)).isEqualTo("""
                ## Identity
                User: Matt
                Role: Director

                ## Constraints
                \u26a0\ufe0f [vendor_policy] vendor_policy: No auto-renew without CFO review

                ## Facts
                - [renew_vendorx_v2] [usr] renew_vendorx_v2: do not renew; renegotiate first

                ## Conversation
                ### Recent
                user: Renew VendorX for one year. Keep it simple.
                user: Actually, hold off. Finance says we renegotiate first.

                ## Environment
                - now: 2025-12-21T10:00:00-05:00""");
    }
}
