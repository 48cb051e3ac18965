package dev.agentd.bench.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The JSON line {@link IdleConnections} prints after it has closed its connections. */
@JsonPropertyOrder({"connections", "setup_ms", "hold_s", "open_at_end", "unexpected_messages"})
record IdleReport(
        int connections,
        @JsonProperty("setup_ms") long setupMillis,
        @JsonProperty("hold_s") double holdSeconds,
        @JsonProperty("open_at_end") long openAtEnd,
        @JsonProperty("unexpected_messages") long unexpectedMessages) {}
