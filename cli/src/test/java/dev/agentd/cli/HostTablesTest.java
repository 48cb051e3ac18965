package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code host watch} prints for a snapshot and for each event. */
class HostTablesTest {

    @Test
    void snapshotShowsAgentsAndApprovalsTables() {
        String text = HostTables.snapshot(TestJson.parse("""
                {"subscribed":true,
                 "agents":[{"id":"reviewer-1","name":"Reviewer","kind":"builtin","capabilities":[],"project":null,
                   "status":"running","current_task":"Reading docs","pid":5120,"display":null,"metadata":{},
                   "session_id":"c-5e0b9a1c7f3a2d41","registered_at":"2025-06-01T09:31:00.000Z",
                   "updated_at":"2025-06-01T09:32:10.120Z"}],
                 "devices":[],
                 "approvals":[{"id":"approval-1","agent_id":null,"action":"Open the browser","description":null,
                   "details":null,"options":["approve","deny"],"status":"pending","created_at":"2025-06-01T09:34:00.000Z",
                   "client_id":null,"required_approvals":1,"resolution":null,"resolved_at":null,"resolved_by":null,
                   "notes":null}],
                 "events":[],"event_sequence":17}"""));

        assertThat(text).isEqualTo("""
                agents:
                ID          NAME      KIND     STATUS   TASK          PID   SESSION             UPDATED
                reviewer-1  Reviewer  builtin  running  Reading docs  5120  c-5e0b9a1c7f3a2d41  2025-06-01T09:32:10Z
                approvals:
                ID          STATUS   AGENT  ACTION            REQUESTED_BY  CREATED
                approval-1  pending  -      Open the browser  system        2025-06-01T09:34:00Z
                events after #17:
                """);
    }

    @Test
    void anEmptyRegistryPrintsTheHeadersOnly() {
        String text = HostTables.snapshot(TestJson.parse(
                "{\"subscribed\":true,\"agents\":[],\"devices\":[],\"approvals\":[],\"events\":[],\"event_sequence\":0}"));

        assertThat(text).isEqualTo("""
                agents:
                ID  NAME  KIND  STATUS  TASK  PID  SESSION  UPDATED
                approvals:
                ID  STATUS  AGENT  ACTION  REQUESTED_BY  CREATED
                events after #0:
                """);
    }

    @Test
    void eventLineWithAndWithoutPayload() {
        String statusChange = HostTables.eventLine(TestJson.parse("""
                {"id":"event-2b7e","sequence":18,"timestamp":"2025-06-01T09:33:00.004Z","kind":"agent.status_changed",
                 "agent_id":"reviewer-1","message":"Reviewer is now completed","payload":{},"agent":{"id":"reviewer-1"}}"""));
        String notification = HostTables.eventLine(TestJson.parse("""
                {"id":"event-77aa","sequence":23,"timestamp":"2025-06-01T09:40:00.000Z","kind":"host.notification",
                 "agent_id":null,"message":"Build\\nfinished","payload":{"ok":true}}"""));

        assertThat(statusChange)
                .isEqualTo("#18  2025-06-01T09:33:00Z  agent.status_changed  reviewer-1  Reviewer is now completed");
        assertThat(notification)
                .isEqualTo("#23  2025-06-01T09:40:00Z  host.notification  -  Build finished  payload={\"ok\":true}");
    }
}
