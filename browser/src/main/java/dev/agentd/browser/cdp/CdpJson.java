package dev.agentd.browser.cdp;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;

/**
 * The mapper for DevTools traffic: the shared {@link Json#mapper()} configuration with the string
 * limit raised to the CDP message limit, because screenshots arrive as one base64 string that can
 * exceed the 16 MiB the JSON-RPC side allows (browser §5.1).
 */
public final class CdpJson {
    private static final ObjectMapper MAPPER = create();

    private CdpJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static ObjectMapper create() {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Json.MAX_NESTING_DEPTH)
                .maxStringLength(WebSocketCdpTransport.DEFAULT_MAX_MESSAGE_CHARS)
                .maxNumberLength(Json.MAX_NUMBER_LENGTH)
                .build());
        return mapper;
    }
}
