package dev.agentd.daemon.mcp.tools;

import dev.agentd.daemon.mcp.McpProtocolVersion;
import dev.agentd.daemon.memory.GraphHandle;
import dev.agentd.daemon.memory.StatusSlots;

/**
 * Who a tool acts for (mcp §12.1): the session's tenant graph (already opened by the caller), the
 * session's private status slots and the session's negotiated protocol version.
 */
public record ToolContext(GraphHandle graph, StatusSlots statuses, McpProtocolVersion version) {}
