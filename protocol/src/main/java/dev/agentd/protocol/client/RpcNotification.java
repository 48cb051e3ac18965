package dev.agentd.protocol.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A server-to-client notification such as {@code host.event} or {@code runs.trace.event}. */
public record RpcNotification(String method, JsonNode params) {}
