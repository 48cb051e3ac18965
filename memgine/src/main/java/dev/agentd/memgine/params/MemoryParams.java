package dev.agentd.memgine.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.MemoryException;
import java.util.List;

/**
 * Turns the {@code params} of each {@code memory.*} method (memory §3) into engine inputs, with
 * the spec's {@code invalid params: <field> <problem>} messages; the daemon's handlers stay thin
 * adapters. Nothing here touches a graph.
 */
public final class MemoryParams {
    /** The six {@code add_fact} params whose presence switches the result to {@code {id, fact_count}}. */
    private static final List<String> EXTENSION_PARAMS = List.of("id", "supersedes", "depends_on", "confidence",
            "expires_at", "tags");
    private static final int MAX_STATUS = 16384;
    private static final int MAX_TENANT = 128;
    private static final int DEFAULT_K = 5;

    private MemoryParams() {}

    public record Query(String query, int k) {}

    public record BuildContext(String query, Integer modelContextWindow, boolean showHistory) {}

    public record AddTurn(String speaker, String text, Long ts) {}

    public record SetEnvironment(String key, String value, Long ttlMs) {}

    public record UpdateStatus(String body, String tenantId) {
        /** The status slot id {@code proactive-status:<tenant_id or "global">}. */
        public String slotId() {
            return "proactive-status:" + (tenantId == null ? "global" : tenantId);
        }
    }

    /** {@code memory.add_fact} (§3.1) from WebSocket ({@code ws-}) or MCP ({@code mcp-}). */
    public static FactInput addFact(JsonNode params, FactInput.Source source) {
        ParamReader p = new ParamReader(params);
        return FactInput.builder(source, p.requiredString("subject"), p.requiredString("body"))
                .kind(p.string("kind"))
                .id(p.string("id"))
                .supersedes(p.string("supersedes"))
                .dependsOn(p.strings("depends_on"))
                .confidence(p.number("confidence"))
                .expiresAt(p.timestamp("expires_at"))
                .tags(p.strings("tags"))
                .build();
    }

    /**
     * Whether {@code add_fact} answers {@code {id, fact_count}}: some extension param is present
     * with a non-null value. Otherwise it answers the CAR form, the bare count.
     */
    public static boolean wantsObjectResult(JsonNode params) {
        ParamReader p = new ParamReader(params);
        return EXTENSION_PARAMS.stream().anyMatch(p::has);
    }

    /** {@code memory.save_knowledge} / {@code memory.save_procedural} (§3.5). */
    public static FactInput save(JsonNode params, FactInput.Source source) {
        if (source != FactInput.Source.KNOWLEDGE && source != FactInput.Source.PROCEDURAL) {
            throw new IllegalArgumentException("source: " + source + " (expected: KNOWLEDGE or PROCEDURAL)");
        }
        ParamReader p = new ParamReader(params);
        return FactInput.builder(source, p.requiredString("subject"), p.requiredString("body"))
                .id(p.string("id"))
                .tags(p.strings("tags"))
                .confidenceLabel(p.string("confidence"))
                .tenantId(p.string("tenant_id"))
                .constraint(p.bool("is_constraint") == null ? Boolean.FALSE : p.bool("is_constraint"))
                .build();
    }

    /** {@code memory.query} (§3.2): {@code k} defaults to 5, must be ≥ 0, is clamped to 100. */
    public static Query query(JsonNode params) {
        ParamReader p = new ParamReader(params);
        String query = p.requiredString("query");
        Long k = p.integer("k");
        if (k != null && k < 0) {
            throw MemoryException.invalidParams("k must be an integer >= 0");
        }
        return new Query(query, k == null ? DEFAULT_K : (int) Math.min(k, 100));
    }

    /** {@code memory.build_context} (§3.3). */
    public static BuildContext buildContext(JsonNode params) {
        ParamReader p = new ParamReader(params);
        String query = p.requiredString("query");
        Long window = p.integer("model_context_window");
        if (window != null && (window < 1 || window > 10_000_000)) {
            throw MemoryException.invalidParams("model_context_window must be an integer from 1 to 10000000");
        }
        Boolean showHistory = p.bool("show_history");
        return new BuildContext(query, window == null ? null : window.intValue(), Boolean.TRUE.equals(showHistory));
    }

    /** {@code memory.delete} (§3.4). */
    public static String deleteId(JsonNode params) {
        return new ParamReader(params).requiredString("id");
    }

    /** {@code memory.set_identity} (§3.8). */
    public static String identityBody(JsonNode params) {
        return new ParamReader(params).requiredString("body");
    }

    /** {@code memory.add_turn} (§3.8). */
    public static AddTurn addTurn(JsonNode params) {
        ParamReader p = new ParamReader(params);
        return new AddTurn(p.requiredString("speaker"), p.requiredString("text"), p.timestamp("ts"));
    }

    /** {@code memory.set_environment} (§3.8). */
    public static SetEnvironment setEnvironment(JsonNode params) {
        ParamReader p = new ParamReader(params);
        return new SetEnvironment(p.requiredString("key"), p.requiredString("value"), p.integer("ttl_ms"));
    }

    /** {@code memory.update_status} (§3.6): the slot itself belongs to the session. */
    public static UpdateStatus updateStatus(JsonNode params) {
        ParamReader p = new ParamReader(params);
        String body = p.requiredString("body");
        String tenantId = p.string("tenant_id");
        if (body.length() > MAX_STATUS) {
            throw MemoryException.invalidParams("body must be at most " + MAX_STATUS + " chars");
        }
        if (tenantId != null && tenantId.length() > MAX_TENANT) {
            throw MemoryException.invalidParams("tenant_id must be at most " + MAX_TENANT + " chars");
        }
        return new UpdateStatus(body, tenantId);
    }

    /** {@code memory.persist} / {@code memory.load} (§3.7): the raw path, for {@code FileSandbox}. */
    public static String path(JsonNode params) {
        return new ParamReader(params).requiredString("path");
    }
}
