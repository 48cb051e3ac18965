package dev.agentd.daemon.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.RpcRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one WebSocket message into envelopes: parses it once into a tree under the read
 * constraints, then validates each element in the order of core §2.1.
 */
public final class EnvelopeParser {
    public static final int MAX_BATCH_ELEMENTS = 256;

    private EnvelopeParser() {}

    /** What a message holds: one element, a batch, or an error answered with {@code id: null}. */
    public sealed interface Message {
        record Single(Envelope envelope) implements Message {}

        record Batch(List<Envelope> elements) implements Message {}

        record Rejected(RpcError error) implements Message {}
    }

    public static Message parse(ByteBuf content) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(new ByteBufInputStream(content));
        } catch (JsonProcessingException e) {
            return new Message.Rejected(new RpcError(ErrorCodes.PARSE_ERROR, "parse error: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new Message.Rejected(new RpcError(ErrorCodes.PARSE_ERROR, "parse error: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return new Message.Rejected(new RpcError(ErrorCodes.PARSE_ERROR, "parse error: empty message"));
        }
        if (!root.isArray()) {
            return new Message.Single(validate(root));
        }
        if (root.isEmpty()) {
            return new Message.Rejected(invalid("empty batch"));
        }
        if (root.size() > MAX_BATCH_ELEMENTS) {
            return new Message.Rejected(invalid("batch exceeds " + MAX_BATCH_ELEMENTS + " elements"));
        }
        List<Envelope> elements = new ArrayList<>(root.size());
        root.forEach(element -> elements.add(validate(element)));
        return new Message.Batch(elements);
    }

    /** Validates one element: object, id, jsonrpc, method, params — in that order. */
    static Envelope validate(JsonNode element) {
        if (!element.isObject()) {
            return new Envelope.Invalid(NullNode.instance, invalid("expected a JSON-RPC object"));
        }
        JsonNode method = element.get("method");
        JsonNode id = element.get("id");
        if (method == null && id != null && (element.has("result") || element.has("error"))) {
            return new Envelope.Ignored();
        }
        if (id != null && !(id.isTextual() || id.isIntegralNumber())) {
            return new Envelope.Invalid(NullNode.instance, invalid("id must be a string or an integer"));
        }
        JsonNode replyId = id == null ? NullNode.instance : id;
        JsonNode version = element.get("jsonrpc");
        if (version == null || !version.isTextual() || !RpcRequest.VERSION.equals(version.textValue())) {
            return new Envelope.Invalid(replyId, invalid("jsonrpc must be \"2.0\""));
        }
        if (method == null || !method.isTextual() || method.textValue().isEmpty()) {
            return new Envelope.Invalid(replyId, invalid("method must be a non-empty string"));
        }
        JsonNode params = element.get("params");
        if (params == null || params.isNull()) {
            params = Json.mapper().createObjectNode();
        } else if (params.isArray()) {
            return new Envelope.Invalid(replyId,
                    new RpcError(ErrorCodes.INVALID_PARAMS, "invalid params: params must be an object"));
        } else if (!params.isObject()) {
            return new Envelope.Invalid(replyId, invalid("params must be an object"));
        }
        return new Envelope.Call(id, method.textValue(), params);
    }

    private static RpcError invalid(String detail) {
        return new RpcError(ErrorCodes.INVALID_REQUEST, "invalid request: " + detail);
    }
}
