package dev.agentd.cli;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.host.HostApproval;
import dev.agentd.daemon.host.NotifyParams;
import dev.agentd.daemon.host.RequestApprovalParams;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code host} commands against one shared auth-on daemon, run in this JVM so that tests can
 * raise system approvals through its registry (no RPC creates them, host §2.2) and produce events
 * faster than a stopped watch can read them.
 */
class HostCommandsIT {
    private static final Duration CLI_START = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final DaemonExtension daemon = DaemonExtension.builder().build();

    /** A daemon-token connection that owns the rows and approvals the tests register. */
    private static RpcClient owner;

    @BeforeAll
    static void connectOwner() {
        owner = AgentdConnector.connect(daemon.wsUri(), Credential.daemonToken(daemon.authToken(), "test"), null, TIMEOUT);
    }

    @AfterAll
    static void closeOwner() {
        owner.close();
    }

    private static AgentdCli cli() {
        return new AgentdCli().env("AGENTD_HOME", daemon.root().toString());
    }

    private static String uniqueTitle(String title) {
        return title + " " + IDS.incrementAndGet();
    }

    /** Raises a system approval and returns its id with the future completed on resolution. */
    private static SystemApproval raiseSystemApproval(String title) {
        CompletableFuture<HostApproval> decision = daemon.daemon().hostState()
                .requestSystemApproval(new RequestApprovalParams(null, title, null, null, null));
        String id = daemon.daemon().hostState().approvals().stream().filter(approval -> approval.action().equals(title))
                .findFirst().orElseThrow().id();
        return new SystemApproval(id, decision);
    }

    private record SystemApproval(String id, CompletableFuture<HostApproval> decision) {}

    private static JsonNode notify(String message) {
        return owner.call("host.notify", Map.of("message", message, "payload", Map.of("ok", true)), TIMEOUT);
    }

    /** The snapshot tables, then a live event per line; Ctrl-C exits 0. */
    @Test
    void watchPrintsTheSnapshotThenLiveEvents() throws Exception {
        String agentId = "reviewer-" + IDS.incrementAndGet();
        owner.call("host.register_agent", Map.of("id", agentId, "name", "Reviewer", "kind", "builtin"), TIMEOUT);
        String title = uniqueTitle("Open the browser");
        SystemApproval approval = raiseSystemApproval(title);

        try (CliProcess watch = cli().env("AGENTD_TOKEN", "garbage").start("host", "watch")) {
            await("the snapshot").atMost(CLI_START).until(() -> watch.stdout().contains("events after #"));
            JsonNode event = notify("deploy finished");
            owner.call("host.set_status", Map.of("agent_id", agentId, "status", "running"), TIMEOUT);
            await("the live events").atMost(Duration.ofSeconds(10))
                    .until(() -> watch.stdout().contains("Reviewer is now running"));

            watch.interrupt();
            CliResult result = watch.awaitExit();

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stderr()).isEmpty();
            List<String> lines = result.stdout().lines().toList();
            assertThat(lines.get(0)).isEqualTo("agents:");
            assertThat(lines.get(1)).matches("ID +NAME +KIND +STATUS +TASK +PID +SESSION +UPDATED");
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .matches(agentId + " +Reviewer +builtin +idle +- +- +c-[0-9a-f]{16} +\\S+Z"));
            assertThat(lines).contains("approvals:");
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .matches(approval.id() + " +pending +- +" + Pattern.quote(title) + " +system +\\S+Z"));
            long sequence = event.get("sequence").asLong();
            assertThat(lines).containsSubsequence("events after #" + (sequence - 1) + ":",
                    "#" + sequence + "  " + CellText.of(WireTimestamp.parse(event.get("timestamp")).orElseThrow(), 0)
                            + "  host.notification  -  deploy finished  payload={\"ok\":true}");
            assertThat(lines.get(lines.size() - 1))
                    .matches("#" + (sequence + 1) + "  \\S+Z  agent.status_changed  " + agentId + "  Reviewer is now running");
        }
    }

    /** {@code --json}: the subscribe result, then each event's params, one per line. */
    @Test
    void watchJsonIsNdjson() throws Exception {
        try (CliProcess watch = cli().start("host", "watch", "--json")) {
            await("the subscribe result").atMost(CLI_START).until(() -> watch.stdout().endsWith("}\n"));
            JsonNode event = notify("json event");
            await("the event").atMost(Duration.ofSeconds(10)).until(() -> watch.stdout().lines().count() == 2);

            watch.interrupt();
            CliResult result = watch.awaitExit();

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<String> lines = result.stdout().lines().toList();
            assertThatJson(lines.get(0)).isObject().containsEntry("subscribed", true)
                    .containsEntry("event_sequence", event.get("sequence").asLong() - 1)
                    .containsKeys("agents", "devices", "approvals", "events", "identity");
            assertThatJson(lines.get(1)).isEqualTo(event);
        }
    }

    /**
     * host §7: a watch that cannot keep up (stopped with SIGSTOP while 4000 events of 32 KiB are
     * produced: the socket buffers, the 16 MiB outbound buffer and the queue of 1024 hold far
     * less) reports the missed events on stderr, shows a fresh snapshot and goes on with the
     * events after it.
     */
    @Test
    void watchThatFellBehindWarnsAndResubscribes() throws Exception {
        ObjectNode payload = Json.mapper().createObjectNode().put("blob", "x".repeat(32 * 1024));
        try (CliProcess watch = cli().start("host", "watch")) {
            await("the snapshot").atMost(CLI_START).until(() -> watch.stdout().contains("events after #"));

            watch.pause();
            try {
                for (int i = 0; i < 4000; i++) {
                    daemon.daemon().hostState().notify(new NotifyParams(null, null, "bulk " + i, payload));
                }
            } finally {
                watch.resume();
            }
            // A gap shows only when a later event arrives: markers until one gets through the drained queue.
            await("the drop warning").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> notify("marker") != null && watch.stderr().contains("agentd: missed host events #"));
            await("a fresh snapshot").atMost(Duration.ofSeconds(60))
                    .until(() -> watch.stdout().split("events after #", -1).length == 3);
            notify("after the gap");
            await("events after the new snapshot").atMost(Duration.ofSeconds(30))
                    .until(() -> watch.stdout().contains("after the gap"));

            watch.interrupt();
            CliResult result = watch.awaitExit();

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stderr()).matches("agentd: missed host events #\\d+ to #\\d+ \\(dropped by the daemon: "
                    + "this watch fell behind\\); subscribing again\n");
        }
    }

    /** host §4.10 through {@code host approve}: a system approval is resolved by the CLI's session. */
    @Test
    void approveResolvesASystemApproval() throws Exception {
        String title = uniqueTitle("Open port 8080");
        SystemApproval approval = raiseSystemApproval(title);

        CliResult result = cli().run("host", "approve", approval.id(), "--notes", "looks fine");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("approved " + approval.id() + ": " + title + "\n");
        HostApproval resolved = approval.decision().get(10, TimeUnit.SECONDS);
        assertThat(resolved.status()).isEqualTo("approved");
        assertThat(resolved.resolution()).isEqualTo("approve");
        assertThat(resolved.notes()).isEqualTo("looks fine");
        assertThat(resolved.resolvedBy()).matches("c-[0-9a-f]{16}");
    }

    /** {@code host deny --json} prints the resolved approval; resolving it again is the daemon's error. */
    @Test
    void denyPrintsTheResultAndASecondResolutionFails() throws Exception {
        SystemApproval approval = raiseSystemApproval(uniqueTitle("Delete the cache"));

        CliResult deny = cli().run("host", "deny", approval.id(), "--json");
        CliResult again = cli().run("host", "approve", approval.id());

        assertThat(deny.exitCode()).as(deny.describe()).isZero();
        assertThatJson(deny.stdout()).isObject().containsEntry("id", approval.id()).containsEntry("status", "denied")
                .containsEntry("resolution", "deny").containsEntry("notes", null).containsEntry("client_id", null);
        assertThat(approval.decision().get(10, TimeUnit.SECONDS).status()).isEqualTo("denied");
        assertThat(again.exitCode()).as(again.describe()).isEqualTo(1);
        assertThat(again.stderr()).isEqualTo("agentd: error -32603: approval '" + approval.id() + "' is already denied\n");
        assertThat(again.stdout()).isEmpty();
    }

    /**
     * host §5: an approval raised by another open connection is that session's to resolve; the
     * CLI's connection gets the ownership error and the approval stays pending.
     */
    @Test
    void approveOfAnotherConnectionsApprovalIsRefused() {
        String title = uniqueTitle("Run the test suite");
        String id = owner.call("host.request_approval", Map.of("title", title), TIMEOUT).get("id").asText();

        CliResult result = cli().run("host", "approve", id);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("agentd: error -32603: approval '" + id + "' is owned by another session\n");
        assertThat(result.stdout()).isEmpty();
        JsonNode approvals = owner.call("host.approvals", Map.of(), TIMEOUT).get("approvals");
        assertThat(approvals).filteredOn(approval -> approval.get("id").asText().equals(id))
                .singleElement().satisfies(approval -> assertThat(approval.get("status").asText()).isEqualTo("pending"));
    }

    @Test
    void approveOfUnknownIdIsNotFound() {
        CliResult result = cli().run("host", "approve", "approval-nope");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("agentd: error -32603: approval 'approval-nope' not found\n");
        assertThat(result.stdout()).isEmpty();
    }

    /** Like the other command groups, {@code host} alone prints its usage on stderr, exit 2. */
    @Test
    void hostAlonePrintsUsage() {
        CliResult result = cli().run("host");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("Usage: agentd host").contains("watch").contains("approve").contains("deny");
    }
}
