package dev.agentd.protocol.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code server.handshake} result (core §7). */
@JsonPropertyOrder({"protocol_version", "server_version", "client_protocol_version"})
public record HandshakeResult(
        @JsonProperty("protocol_version") int protocolVersion,
        @JsonProperty("server_version") String serverVersion,
        @JsonProperty("client_protocol_version") int clientProtocolVersion) {}
