package dev.agentd.protocol.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code server.handshake} params as a client sends them (core §7). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HandshakeParams(
        @JsonProperty("protocol_version") int protocolVersion,
        @JsonProperty("client_version") String clientVersion) {}
