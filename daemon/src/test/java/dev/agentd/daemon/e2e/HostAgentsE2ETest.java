package dev.agentd.daemon.e2e;

import static dev.agentd.daemon.e2e.HostSubscribeE2ETest.TIMESTAMP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host agents through the protocol with several connections (host §4.2, §4.5–§4.7, §5, §6): wire
 * shapes, ownership, status updates and what a closing owner leaves behind. A fresh daemon per
 * test keeps each test's event stream its own. Covers host checks 3, 5–12, 26 and 27.
 */
class HostAgentsE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    /** Check 3. */
    @Test
    void aRegistrationWithoutIdGetsAGeneratedIdAndTheCallerAsOwner() {
        HostClient agent = HostClient.connect(agentd);

        JsonNode registered = agent.call("host.register_agent", """
                {"name":"Reviewer","kind":"builtin"}""");

        assertThatJson(registered).isEqualTo("""
                {"id":"${json-unit.regex}^agent-[0-9a-f-]{36}$","name":"Reviewer","kind":"builtin","capabilities":[],
                 "project":null,"status":"idle","current_task":null,"pid":null,"display":null,"metadata":{},
                 "session_id":"%s","registered_at":"%s","updated_at":"%s"}"""
                .formatted(agent.clientId(), TIMESTAMP, TIMESTAMP));
        assertThat(registered.get("registered_at")).isEqualTo(registered.get("updated_at"));
    }

    @Test
    void everyGivenFieldIsEchoedAndTheOwnerMayReRegister() {
        HostClient agent = HostClient.connect(agentd);
        agent.call("host.register_agent", """
                {"id":"reviewer-1","name":"Reviewer","kind":"builtin","capabilities":["code_review"],
                 "project":"/home/user/proj","pid":5120,"display":{"icon":"eye"},"metadata":{"team":"core"}}""");
        agent.call("host.set_status", """
                {"agent_id":"reviewer-1","status":"running","current_task":"Reading docs"}""");

        JsonNode updated = agent.call("host.register_agent", """
                {"id":"reviewer-1","name":"Reviewer 2","kind":"cli","display":{"icon":"pen"}}""");

        assertThatJson(updated).isEqualTo("""
                {"id":"reviewer-1","name":"Reviewer 2","kind":"cli","capabilities":[],"project":null,"status":"running",
                 "current_task":"Reading docs","pid":null,"display":{"icon":"pen"},"metadata":{},"session_id":"%s",
                 "registered_at":"%s","updated_at":"%s"}""".formatted(agent.clientId(), TIMESTAMP, TIMESTAMP));
        assertThat(agent.call("host.agents", "{}")).containsExactly(updated);
    }

    /** Check 5, also for a host-token session: the host role gives no override. */
    @Test
    void anotherSessionCannotChangeARowItDoesNotOwn() {
        HostClient owner = HostClient.connect(agentd);
        owner.registerAgent("a1", "Owned");
        JsonNode before = owner.agent("a1");

        for (HostClient other : List.of(HostClient.connect(agentd), HostClient.connectHost(agentd))) {
            assertOwnedByAnother(other.error("host.set_status", """
                    {"agent_id":"a1","status":"running"}"""));
            assertOwnedByAnother(other.error("host.unregister_agent", """
                    {"agent_id":"a1"}"""));
            assertOwnedByAnother(other.error("host.register_agent", """
                    {"id":"a1","name":"X","kind":"cli"}"""));
        }

        assertThat(owner.agent("a1")).isEqualTo(before);
    }

    /** Check 6. */
    @Test
    void everySessionReadsEveryoneElsesRows() {
        HostClient owner = HostClient.connect(agentd);
        JsonNode agent = owner.registerAgent("a1", "Owned");
        JsonNode approval = owner.call("host.request_approval", """
                {"title":"Deploy"}""");
        HostClient reader = HostClient.connect(agentd);

        assertThat(reader.call("host.agents", "{}")).containsExactly(agent);
        assertThat(reader.call("host.approvals", "{}").get("approvals")).containsExactly(approval);
        JsonNode events = reader.call("host.events", "{}").get("events");
        assertThat(events).extracting(event -> event.get("kind").asText())
                .containsExactly("agent.registered", "approval.requested");
        assertThat(events.get(0).get("agent")).isEqualTo(agent);
        assertThat(events.get(1).get("approval")).isEqualTo(approval);
    }

    /** Check 7. */
    @Test
    void statusMustBeKnownAndTheTaskIsKeptClearedOrSet() {
        HostClient agent = HostClient.connect(agentd);
        agent.registerAgent("a1", "Worker");

        RpcException invalid = agent.error("host.set_status", """
                {"agent_id":"a1","status":"sleeping"}""");
        JsonNode set = agent.call("host.set_status", """
                {"agent_id":"a1","status":"running","current_task":"Reading docs"}""");
        JsonNode kept = agent.call("host.set_status", """
                {"agent_id":"a1","status":"paused"}""");
        JsonNode cleared = agent.call("host.set_status", """
                {"agent_id":"a1","status":"running","current_task":null}""");

        assertThat(invalid.code()).isEqualTo(-32602);
        assertThat(invalid.getMessage()).startsWith("invalid params: 'status' must be one of");
        assertThat(set.get("current_task").asText()).isEqualTo("Reading docs");
        assertThat(kept.get("status").asText()).isEqualTo("paused");
        assertThat(kept.get("current_task").asText()).isEqualTo("Reading docs");
        assertThat(cleared.get("current_task").isNull()).isTrue();
    }

    /** Check 8, and the default message and payload. */
    @Test
    void aStatusEventCarriesTheCallersMessageAndPayloadVerbatim() {
        HostClient agent = HostClient.connect(agentd);
        agent.registerAgent("a1", "Worker");
        HostClient ui = HostClient.connect(agentd);
        long baseline = ui.subscribe().get("event_sequence").asLong();

        JsonNode updated = agent.call("host.set_status", """
                {"agent_id":"a1","status":"running","message":"started reading","payload":{"step":1,"files":["a","b"]}}""");
        agent.call("host.set_status", """
                {"agent_id":"a1","status":"running"}""");

        assertThatJson(ui.nextEvent()).isEqualTo("""
                {"id":"${json-unit.any-string}","sequence":%d,"timestamp":"%s","kind":"agent.status_changed",
                 "agent_id":"a1","message":"started reading","payload":{"step":1,"files":["a","b"]},"agent":%s}"""
                .formatted(baseline + 1, TIMESTAMP, updated));
        JsonNode unchanged = ui.nextEvent();
        assertThat(unchanged.get("sequence").asLong()).isEqualTo(baseline + 2);
        assertThat(unchanged.get("message").asText()).isEqualTo("Worker is now running");
        assertThatJson(unchanged.get("payload")).isEqualTo("{}");
    }

    /** Check 9: the 1 s bound is a functional timeout, counted from the moment A starts closing. */
    @Test
    void closingTheOwnerStopsItsAgentsForEverySubscriberWithinOneSecond() {
        HostClient owner = HostClient.connect(agentd);
        owner.registerAgent("a1", "First");
        owner.registerAgent("a2", "Second");
        owner.call("host.set_status", """
                {"agent_id":"a1","status":"running","current_task":"work"}""");
        List<HostClient> subscribers = List.of(HostClient.connect(agentd), HostClient.connect(agentd));
        subscribers.forEach(HostClient::subscribe);

        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        owner.close();

        for (HostClient subscriber : subscribers) {
            List<JsonNode> stopped = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                stopped.add(subscriber.nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
            }
            assertThat(stopped).extracting(event -> event.get("agent_id").asText()).containsExactly("a1", "a2");
            for (JsonNode event : stopped) {
                assertThatJson(event).isEqualTo("""
                        {"id":"${json-unit.any-string}","sequence":"${json-unit.any-number}","timestamp":"%s",
                         "kind":"agent.status_changed","agent_id":"${json-unit.any-string}",
                         "message":"${json-unit.regex}^(First|Second) stopped: owning session closed$",
                         "payload":{"reason":"owner_disconnected"},
                         "agent":{"id":"${json-unit.any-string}","name":"${json-unit.any-string}","kind":"cli",
                          "capabilities":[],"project":null,"status":"stopped","current_task":null,"pid":null,"display":null,
                          "metadata":{},"session_id":null,"registered_at":"%s","updated_at":"%s"}}"""
                        .formatted(TIMESTAMP, TIMESTAMP, TIMESTAMP));
            }
        }
        assertThat(subscribers.get(0).call("host.agents", "{}"))
                .extracting(agent -> agent.get("status").asText(), agent -> agent.get("session_id").isNull())
                .containsOnly(tuple("stopped", true));
    }

    /** Checks 10 and 11. */
    @Test
    void aRowLeftByAClosedOwnerCanBeClaimedOrRemovedButNotUpdated() {
        HostClient owner = HostClient.connect(agentd);
        owner.registerAgent("a1", "First");
        owner.registerAgent("a2", "Second");
        HostClient other = HostClient.connect(agentd);
        other.subscribe();
        owner.close();
        other.nextEvents(2);

        RpcException noOwner = other.error("host.set_status", """
                {"agent_id":"a1","status":"running"}""");
        JsonNode claimed = other.call("host.register_agent", """
                {"id":"a1","name":"Claimed","kind":"builtin"}""");
        JsonNode removed = other.call("host.unregister_agent", """
                {"agent_id":"a2"}""");

        assertThat(noOwner.code()).isEqualTo(-32603);
        assertThat(noOwner.getMessage()).isEqualTo("agent 'a1' has no owner; register it to claim it");
        assertThat(claimed.get("session_id").asText()).isEqualTo(other.clientId());
        assertThat(claimed.get("status").asText()).isEqualTo("idle");
        assertThatJson(removed).isEqualTo("{\"ok\":true}");
        assertThat(other.call("host.agents", "{}")).containsExactly(claimed);
    }

    /** Check 12. */
    @Test
    void unregisteringAnUnknownIdAnswersFalseAndBroadcastsNothing() {
        HostClient agent = HostClient.connect(agentd);
        agent.subscribe();

        assertThatJson(agent.call("host.unregister_agent", """
                {"agent_id":"nobody"}""")).isEqualTo("{\"ok\":false}");

        agent.expectMarkerNext(agent.marker());
    }

    @Test
    void unregisteringBroadcastsTheRowAsRemoved() {
        HostClient agent = HostClient.connect(agentd);
        JsonNode registered = agent.registerAgent("a1", "Worker");
        agent.subscribe();

        agent.call("host.unregister_agent", "{\"agent_id\":\"a1\"}");

        JsonNode event = agent.nextEvent();
        assertThat(event.get("kind").asText()).isEqualTo("agent.unregistered");
        assertThat(event.get("message").asText()).isEqualTo("Worker unregistered");
        assertThat(event.get("agent")).isEqualTo(registered);
        assertThat(agent.call("host.agents", "{}")).isEmpty();
    }

    /** Check 26. */
    @Test
    void overLongNamesAndOversizedMetadataAreInvalidParams() {
        HostClient agent = HostClient.connect(agentd);

        RpcException longName = agent.error("host.register_agent",
                "{\"name\":\"" + "n".repeat(257) + "\",\"kind\":\"cli\"}");
        RpcException bigMetadata = agent.error("host.register_agent",
                "{\"name\":\"n\",\"kind\":\"cli\",\"metadata\":{\"blob\":\"" + "x".repeat(70 * 1024) + "\"}}");

        assertThat(List.of(longName, bigMetadata)).extracting(RpcException::code).containsOnly(-32602);
        assertThat(longName.getMessage()).startsWith("invalid params: 'name'");
        assertThat(bigMetadata.getMessage()).startsWith("invalid params: 'metadata'");
        assertThat(agent.call("host.agents", "{}")).isEmpty();
    }

    /** Check 27. */
    @ParameterizedTest
    @ValueSource(strings = {"host.devices", "host.register_device", "host.update_device"})
    void deviceMethodsAreNotImplemented(String method) {
        RpcException error = HostClient.connect(agentd).error(method, "{}");

        assertThat(error.code()).isEqualTo(-32601);
        assertThat(error.getMessage()).isEqualTo("method not found: " + method);
    }

    private static void assertOwnedByAnother(RpcException error) {
        assertThat(error.code()).isEqualTo(-32603);
        assertThat(error.getMessage()).isEqualTo("agent 'a1' is owned by another session");
    }
}
