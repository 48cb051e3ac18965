package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code host watch} shows the host registry: a table of registered agents, a table of
 * approvals (host §2.1, §2.2), each in the daemon's order, and one line per event:
 *
 * <pre>
 * #18  2025-06-01T09:33:00Z  agent.status_changed  reviewer-1  Reviewer is now completed
 * #19  2025-06-01T09:34:00Z  approval.requested  reviewer-1  approval requested: Run the test suite  payload={"approval_id":"approval-41c0…","status":"pending"}
 * </pre>
 */
final class HostTables {
    static final String SYSTEM_APPROVAL = "system";
    static final int MESSAGE_WIDTH = 120;
    static final int PAYLOAD_WIDTH = 100;

    private static final Table<JsonNode> AGENTS = Table.of(
            Table.Column.<JsonNode>of("id", agent -> agent.get("id")).maxWidth(64),
            Table.Column.<JsonNode>of("name", agent -> agent.get("name")).maxWidth(32),
            Table.Column.<JsonNode>of("kind", agent -> agent.get("kind")).maxWidth(16),
            Table.Column.of("status", agent -> agent.get("status")),
            Table.Column.<JsonNode>of("task", agent -> agent.get("current_task")).maxWidth(40),
            Table.Column.of("pid", agent -> agent.get("pid")),
            Table.Column.of("session", agent -> agent.get("session_id")),
            Table.Column.timestamp("updated", agent -> agent.get("updated_at")));

    private static final Table<JsonNode> APPROVALS = Table.of(
            Table.Column.of("id", approval -> approval.get("id")),
            Table.Column.of("status", approval -> approval.get("status")),
            Table.Column.<JsonNode>of("agent", approval -> approval.get("agent_id")).maxWidth(32),
            Table.Column.<JsonNode>of("action", approval -> approval.get("action")).maxWidth(50),
            Table.Column.of("requested_by", HostTables::requester),
            Table.Column.timestamp("created", approval -> approval.get("created_at")));

    private HostTables() {}

    /** A {@code host.subscribe} result: both tables, each under a title line. */
    static String snapshot(JsonNode result) {
        return "agents:\n" + AGENTS.render(items(result.path("agents")))
                + "approvals:\n" + APPROVALS.render(items(result.path("approvals")))
                + "events after #" + result.path("event_sequence").asLong() + ":\n";
    }

    /** One {@code host.event}: sequence, time, kind, agent, message, and the payload when it has one. */
    static String eventLine(JsonNode event) {
        List<String> parts = new ArrayList<>();
        parts.add("#" + event.path("sequence").asLong());
        parts.add(WireTimestamp.parse(event.get("timestamp"))
                .map(instant -> CellText.of(instant, 0))
                .orElseGet(() -> CellText.of(event.get("timestamp"), 0)));
        parts.add(CellText.of(event.get("kind"), 0));
        parts.add(CellText.of(event.get("agent_id"), 0));
        parts.add(CellText.of(event.get("message"), MESSAGE_WIDTH));
        JsonNode payload = event.get("payload");
        if (payload != null && !payload.isNull() && !payload.isEmpty()) {
            parts.add("payload=" + CellText.of(payload, PAYLOAD_WIDTH));
        }
        return String.join(Table.SEPARATOR, parts);
    }

    /** Who raised an approval: a session's client id, or {@code system} for a daemon component's. */
    private static Object requester(JsonNode approval) {
        JsonNode clientId = approval.get("client_id");
        return clientId == null || clientId.isNull() ? SYSTEM_APPROVAL : clientId;
    }

    private static List<JsonNode> items(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
