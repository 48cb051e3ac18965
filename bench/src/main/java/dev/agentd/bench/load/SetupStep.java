package dev.agentd.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.Protocol;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** One request a connection sends and checks before it carries load or sits idle. */
record SetupStep(String method, JsonNode params, String expectation, Predicate<JsonNode> accepts) {

    /**
     * With a token: {@code session.auth {token}} then {@code server.handshake {protocol_version: 2}},
     * the CLI's connect recipe (cli §4.1). Without one, nothing: the connection is used as opened.
     */
    static List<SetupStep> forToken(Optional<String> token) {
        return token.map(value -> List.of(auth(value), handshake())).orElse(List.of());
    }

    private static SetupStep auth(String token) {
        ObjectNode params = Json.mapper().createObjectNode().put("token", token);
        return new SetupStep("session.auth", params, "ok: true",
                result -> result.path("ok").asBoolean(false) && result.path("ok").isBoolean());
    }

    private static SetupStep handshake() {
        return new SetupStep("server.handshake", handshakeParams(), "protocol_version: " + Protocol.VERSION,
                result -> result.path("protocol_version").isIntegralNumber()
                        && result.path("protocol_version").asInt() == Protocol.VERSION);
    }

    static ObjectNode handshakeParams() {
        return Json.mapper().createObjectNode().put("protocol_version", Protocol.VERSION);
    }
}
