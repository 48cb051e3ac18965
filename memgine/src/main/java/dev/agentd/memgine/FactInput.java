package dev.agentd.memgine;

import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.text.Slug;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A fact write as the caller asked for it (memory §3.1, §3.5), validated against the field
 * limits of §2.1 on construction. Rules that need the graph — references to existing facts,
 * {@code expires_at} later than now — are checked by {@link MemoryGraph#addFact}.
 *
 * @param source which method wrote it: decides the generated-id prefix, the kind and the event op
 * @param id explicit id (§2.3), or {@code null} to generate {@code <prefix><slug(subject)>}
 * @param kind {@code null} for the source's default; ignored for {@code save_*}
 * @param isConstraint {@code null} for the default: {@code kind == "constraint"} for add_fact,
 *     {@code false} for save_*
 * @param confidence stored confidence in [0, 1], {@code null} for 1.0
 * @param confidenceLabel the string {@code confidence} of save_*, ≤ 32 chars
 * @param expiresAt epoch milliseconds, or {@code null}
 */
public record FactInput(
        Source source,
        String id,
        String subject,
        String body,
        String kind,
        Boolean isConstraint,
        Double confidence,
        String confidenceLabel,
        List<String> tags,
        String tenantId,
        Long expiresAt,
        List<String> dependsOn,
        String supersedes) {
    public static final int MAX_SUBJECT = 1024;
    public static final int MAX_BODY = 65536;
    public static final int MAX_KIND = 64;
    public static final int MAX_CONFIDENCE_LABEL = 32;
    public static final int MAX_TAGS = 32;
    public static final int MAX_TAG = 128;
    public static final int MAX_TENANT = 128;
    public static final int MAX_DEPENDS_ON = 64;

    /** The method a fact write came through. */
    public enum Source {
        WEBSOCKET("ws-", "add_fact", Fact.DEFAULT_KIND),
        MCP("mcp-", "add_fact", Fact.DEFAULT_KIND),
        KNOWLEDGE("knowledge-", "save_knowledge", "knowledge"),
        PROCEDURAL("procedural-", "save_procedural", "procedural");

        private final String idPrefix;
        private final String op;
        private final String defaultKind;

        Source(String idPrefix, String op, String defaultKind) {
            this.idPrefix = idPrefix;
            this.op = op;
            this.defaultKind = defaultKind;
        }

        public String idPrefix() {
            return idPrefix;
        }

        /** The {@link MemoryChange#op()} of writes from this source. */
        public String op() {
            return op;
        }

        boolean isSave() {
            return this == KNOWLEDGE || this == PROCEDURAL;
        }
    }

    public FactInput {
        if (source == null) {
            throw new IllegalArgumentException("source: null (expected: a source)");
        }
        requireLength("subject", subject, 1, MAX_SUBJECT);
        requireLength("body", body, 1, MAX_BODY);
        if (id != null) {
            FactIds.checkExplicit(id);
        }
        kind = source.isSave() || kind == null ? source.defaultKind : kind;
        requireLength("kind", kind, 1, MAX_KIND);
        if (isConstraint == null) {
            isConstraint = !source.isSave() && Fact.CONSTRAINT_KIND.equals(kind);
        }
        if (confidence != null && (!Double.isFinite(confidence) || confidence < 0 || confidence > 1)) {
            throw MemoryException.invalidParams("confidence must be a finite number from 0 to 1");
        }
        if (confidenceLabel != null && confidenceLabel.length() > MAX_CONFIDENCE_LABEL) {
            throw MemoryException.invalidParams("confidence must be at most " + MAX_CONFIDENCE_LABEL + " chars");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (tags.size() > MAX_TAGS) {
            throw MemoryException.invalidParams("tags must hold at most " + MAX_TAGS + " entries");
        }
        for (String tag : tags) {
            if (tag.isEmpty() || tag.length() > MAX_TAG) {
                throw MemoryException.invalidParams("tags entries must be 1.." + MAX_TAG + " chars");
            }
        }
        if (tenantId != null && tenantId.length() > MAX_TENANT) {
            throw MemoryException.invalidParams("tenant_id must be at most " + MAX_TENANT + " chars");
        }
        dependsOn = dependsOn == null ? List.of() : List.copyOf(new LinkedHashSet<>(dependsOn));
        if (dependsOn.size() > MAX_DEPENDS_ON) {
            throw MemoryException.invalidParams("depends_on must hold at most " + MAX_DEPENDS_ON + " ids");
        }
    }

    /** The common case: {@code memory.add_fact {subject, body}} over WebSocket. */
    public static FactInput of(String subject, String body) {
        return builder(Source.WEBSOCKET, subject, body).build();
    }

    public static Builder builder(Source source, String subject, String body) {
        return new Builder(source, subject, body);
    }

    /** The id the caller asked for: the explicit one, else prefix + slug(subject). */
    String requestedId() {
        return id != null ? id : source.idPrefix + Slug.of(subject);
    }

    double effectiveConfidence() {
        return confidence == null ? 1.0 : confidence;
    }

    static void requireLength(String field, String value, int min, int max) {
        if (value == null) {
            throw MemoryException.invalidParams(field + " is required");
        }
        if (value.length() < min || value.length() > max) {
            throw MemoryException.invalidParams(field + (min == 0 ? " must be at most " + max + " chars"
                    : " must be " + min + ".." + max + " chars"));
        }
    }

    /** Optional fields by name; {@link #build()} validates. */
    public static final class Builder {
        private final Source source;
        private final String subject;
        private final String body;
        private String id;
        private String kind;
        private Boolean isConstraint;
        private Double confidence;
        private String confidenceLabel;
        private List<String> tags = new ArrayList<>();
        private String tenantId;
        private Long expiresAt;
        private List<String> dependsOn = new ArrayList<>();
        private String supersedes;

        private Builder(Source source, String subject, String body) {
            this.source = source;
            this.subject = subject;
            this.body = body;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder kind(String value) {
            kind = value;
            return this;
        }

        public Builder constraint(Boolean value) {
            isConstraint = value;
            return this;
        }

        public Builder confidence(Double value) {
            confidence = value;
            return this;
        }

        public Builder confidenceLabel(String value) {
            confidenceLabel = value;
            return this;
        }

        public Builder tags(List<String> value) {
            tags = value;
            return this;
        }

        public Builder tenantId(String value) {
            tenantId = value;
            return this;
        }

        public Builder expiresAt(Long value) {
            expiresAt = value;
            return this;
        }

        public Builder dependsOn(List<String> value) {
            dependsOn = value;
            return this;
        }

        public Builder supersedes(String value) {
            supersedes = value;
            return this;
        }

        public FactInput build() {
            return new FactInput(source, id, subject, body, kind, isConstraint, confidence, confidenceLabel, tags,
                    tenantId, expiresAt, dependsOn, supersedes);
        }
    }
}
