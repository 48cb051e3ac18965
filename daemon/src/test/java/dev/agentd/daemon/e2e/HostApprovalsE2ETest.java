package dev.agentd.daemon.e2e;

import static dev.agentd.daemon.e2e.HostSubscribeE2ETest.TIMESTAMP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.host.HostApproval;
import dev.agentd.daemon.host.RequestApprovalParams;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Approvals across connections (host §4.4, §4.9, §4.10, §6): raising, the agent flip, the
 * ownership and state rules of resolution, system-level approvals through the internal API and
 * cancellation when the raiser closes. A fresh daemon per test. Covers host checks 13–18.
 */
class HostApprovalsE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    /** Check 13. */
    @Test
    void anApprovalForTheCallersAgentIsPendingAndFlipsTheAgentAsTheNextEvent() {
        HostClient agent = HostClient.connect(agentd);
        agent.registerAgent("reviewer-1", "Reviewer");
        HostClient ui = HostClient.connect(agentd);
        long baseline = ui.subscribe().get("event_sequence").asLong();

        JsonNode approval = agent.call("host.request_approval", """
                {"agent_id":"reviewer-1","title":"Run the test suite","context":{"command":"mvn test"}}""");

        assertThatJson(approval).isEqualTo("""
                {"id":"${json-unit.regex}^approval-[0-9a-f-]{36}$","agent_id":"reviewer-1","action":"Run the test suite",
                 "description":null,"details":{"command":"mvn test"},"options":["approve","deny"],"status":"pending",
                 "created_at":"%s","client_id":"%s","required_approvals":1,"resolution":null,"resolved_at":null,
                 "resolved_by":null,"notes":null}""".formatted(TIMESTAMP, agent.clientId()));
        String id = approval.get("id").asText();
        assertThatJson(ui.nextEvent()).isEqualTo("""
                {"id":"${json-unit.any-string}","sequence":%d,"timestamp":%s,"kind":"approval.requested",
                 "agent_id":"reviewer-1","message":"approval requested: Run the test suite",
                 "payload":{"approval_id":"%s","status":"pending"},"approval":%s}"""
                .formatted(baseline + 1, approval.get("created_at"), id, approval));
        assertThatJson(ui.nextEvent()).isEqualTo("""
                {"id":"${json-unit.any-string}","sequence":%d,"timestamp":"%s","kind":"agent.status_changed",
                 "agent_id":"reviewer-1","message":"Reviewer is waiting for approval","payload":{"approval_id":"%s"},
                 "agent":%s}""".formatted(baseline + 2, TIMESTAMP, id, agent.agent("reviewer-1")));
        assertThat(agent.agent("reviewer-1").get("status").asText()).isEqualTo("waiting_for_approval");
    }

    /** Check 14. */
    @Test
    void anApprovalNamingAnotherSessionsAgentIsRefusedAndNothingIsCreated() {
        HostClient owner = HostClient.connect(agentd);
        owner.registerAgent("a1", "Owned");
        HostClient other = HostClient.connect(agentd);
        JsonNode before = other.call("host.approvals", "{}");

        RpcException error = other.error("host.request_approval", """
                {"agent_id":"a1","title":"Sneaky"}""");

        assertThat(error.code()).isEqualTo(-32603);
        assertThat(error.getMessage()).isEqualTo("agent 'a1' is owned by another session");
        assertThat(other.call("host.approvals", "{}")).isEqualTo(before);
        assertThat(owner.agent("a1").get("status").asText()).isEqualTo("idle");
    }

    /** Check 15. */
    @Test
    void onlyTheRaiserResolvesItsApproval() {
        HostClient raiser = HostClient.connect(agentd);
        String id = raiser.call("host.request_approval", "{\"title\":\"Deploy\"}").get("id").asText();
        HostClient other = HostClient.connectHost(agentd);
        other.subscribe();

        RpcException refused = other.error("host.resolve_approval", "{\"approval_id\":\"" + id + "\",\"approved\":true}");
        JsonNode resolved = raiser.call("host.resolve_approval", "{\"approval_id\":\"" + id + "\",\"approved\":true,\"notes\":\"ok\"}");

        assertThat(refused.code()).isEqualTo(-32603);
        assertThat(refused.getMessage()).isEqualTo("approval '" + id + "' is owned by another session");
        assertThatJson(resolved).isEqualTo("""
                {"id":"%s","agent_id":null,"action":"Deploy","description":null,"details":null,"options":["approve","deny"],
                 "status":"approved","created_at":"%s","client_id":"%s","required_approvals":1,"resolution":"approve",
                 "resolved_at":"%s","resolved_by":"%s","notes":"ok"}"""
                .formatted(id, TIMESTAMP, raiser.clientId(), TIMESTAMP, raiser.clientId()));
        assertThatJson(other.nextEvent()).isEqualTo("""
                {"id":"${json-unit.any-string}","sequence":"${json-unit.any-number}","timestamp":%s,
                 "kind":"approval.resolved","agent_id":null,"message":"approval approved: Deploy",
                 "payload":{"approval_id":"%s","status":"approved"},"approval":%s}"""
                .formatted(resolved.get("resolved_at"), id, resolved));
    }

    /** Check 16. */
    @Test
    void resolutionFormsAndASecondResolve() {
        HostClient raiser = HostClient.connect(agentd);
        String denied = raise(raiser, "One");
        String approved = raise(raiser, "Two");
        String untouched = raise(raiser, "Three");

        JsonNode deny = raiser.call("host.resolve_approval", "{\"approval_id\":\"" + denied + "\",\"resolution\":\"deny\"}");
        JsonNode both = raiser.call("host.resolve_approval",
                "{\"approval_id\":\"" + approved + "\",\"approved\":true,\"resolution\":\"deny\"}");
        RpcException neither = raiser.error("host.resolve_approval", "{\"approval_id\":\"" + untouched + "\"}");
        RpcException again = raiser.error("host.resolve_approval", "{\"approval_id\":\"" + approved + "\",\"resolution\":\"deny\"}");
        RpcException unknown = raiser.error("host.resolve_approval", "{\"approval_id\":\"approval-x\",\"approved\":true}");

        assertThat(deny.get("status").asText()).isEqualTo("denied");
        assertThat(deny.get("resolution").asText()).isEqualTo("deny");
        assertThat(both.get("status").asText()).isEqualTo("approved");
        assertThat(both.get("resolution").asText()).isEqualTo("approve");
        assertThat(neither.code()).isEqualTo(-32602);
        assertThat(neither.getMessage()).startsWith("invalid params:");
        assertThat(again.code()).isEqualTo(-32603);
        assertThat(again.getMessage()).isEqualTo("approval '" + approved + "' is already approved");
        assertThat(unknown.getMessage()).isEqualTo("approval 'approval-x' not found");
        // host.approvals is ordered by created_at, then id: approvals raised in one millisecond sort by
        // their (random) ids, so each is checked by id rather than by position
        java.util.Map<String, String> statuses = new java.util.HashMap<>();
        raiser.call("host.approvals", "{}").get("approvals")
                .forEach(approval -> statuses.put(approval.get("id").asText(), approval.get("status").asText()));
        assertThat(statuses).containsEntry(denied, "denied").containsEntry(approved, "approved")
                .containsEntry(untouched, "pending");
    }

    /** Check 17. */
    @Test
    void aSystemApprovalIsResolvedByAnyDaemonTokenSession() throws Exception {
        HostClient ui = HostClient.connect(agentd);
        ui.subscribe();
        CompletableFuture<HostApproval> decision = agentd.daemon().hostState().requestSystemApproval(
                new RequestApprovalParams(null, "Open port 8080", "for the preview server",
                        Json.mapper().createObjectNode().put("port", 8080), null));
        JsonNode requested = ui.nextEvent();
        String id = requested.at("/approval/id").asText();

        JsonNode resolved = HostClient.connect(agentd).call("host.resolve_approval",
                "{\"approval_id\":\"" + id + "\",\"approved\":true}");

        assertThat(requested.get("approval").get("client_id").isNull()).isTrue();
        assertThat(requested.get("kind").asText()).isEqualTo("approval.requested");
        HostApproval completed = decision.get(HostClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(completed.status()).isEqualTo("approved");
        assertThat((JsonNode) Json.mapper().valueToTree(completed)).isEqualTo(resolved);
    }

    /** Check 18. */
    @Test
    void closingTheRaiserCancelsItsPendingApprovals() {
        HostClient raiser = HostClient.connect(agentd);
        String first = raise(raiser, "One");
        String second = raise(raiser, "Two");
        HostClient ui = HostClient.connect(agentd);
        ui.subscribe();

        raiser.close();

        List<JsonNode> cancelled = ui.nextEvents(2);
        assertThat(cancelled).extracting(event -> event.at("/approval/id").asText()).containsExactly(first, second);
        assertThatJson(cancelled.get(0)).isEqualTo("""
                {"id":"${json-unit.any-string}","sequence":"${json-unit.any-number}","timestamp":"%s",
                 "kind":"approval.resolved","agent_id":null,"message":"approval cancelled: One",
                 "payload":{"approval_id":"%s","status":"cancelled"},
                 "approval":{"id":"%s","agent_id":null,"action":"One","description":null,"details":null,
                  "options":["approve","deny"],"status":"cancelled","created_at":"%s","client_id":"%s",
                  "required_approvals":1,"resolution":null,"resolved_at":"%s","resolved_by":null,
                  "notes":"requesting session closed"}}"""
                .formatted(TIMESTAMP, first, first, TIMESTAMP, raiser.clientId(), TIMESTAMP));
        RpcException late = ui.error("host.resolve_approval", "{\"approval_id\":\"" + first + "\",\"approved\":true}");
        assertThat(late.code()).isEqualTo(-32603);
        assertThat(late.getMessage()).isEqualTo("approval '" + first + "' is already cancelled");
    }

    @Test
    void approvalsAreListedByCreationTime() {
        HostClient raiser = HostClient.connect(agentd);
        List<String> raised = List.of(raise(raiser, "One"), raise(raiser, "Two"), raise(raiser, "Three"));

        JsonNode listed = HostClient.connect(agentd).call("host.approvals", "{}").get("approvals");

        assertThat(listed).hasSize(3);
        for (int i = 1; i < 3; i++) {
            String previous = listed.get(i - 1).get("created_at").asText() + listed.get(i - 1).get("id").asText();
            String current = listed.get(i).get("created_at").asText() + listed.get(i).get("id").asText();
            assertThat(previous).isLessThan(current);
        }
        assertThat(listed).extracting(approval -> approval.get("id").asText()).containsExactlyInAnyOrderElementsOf(raised);
    }

    private static String raise(HostClient client, String title) {
        return client.call("host.request_approval", "{\"title\":\"" + title + "\"}").get("id").asText();
    }
}
