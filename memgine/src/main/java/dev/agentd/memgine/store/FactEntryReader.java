package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.agentd.memgine.graph.Fact;
import dev.agentd.memgine.store.DocumentEntries.FactEntry;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one fact entry of an export or snapshot straight from the parser's tokens. As small trees,
 * a 100k-fact file's facts were a sixth of a load's time and a quarter of its garbage.
 *
 * <p>The result is what {@link Fields} on the entry's tree gave: the last of duplicate members
 * counts, unknown members are skipped, and when several members are wrong the one reported is
 * the first in {@link Member} order, whatever their order in the file.
 */
final class FactEntryReader {
    @FunctionalInterface
    private interface ValueReader {
        Object read(JsonParser parser, String name) throws IOException;
    }

    /** The members a fact entry may have, in the order they are checked. */
    private enum Member {
        SUBJECT("subject", TokenFields::string, true),
        BODY("body", TokenFields::string, true),
        KIND("kind", TokenFields::string, false),
        ID("id", TokenFields::string, false),
        TAGS("tags", TokenFields::strings, false),
        AUTHORITY("authority", TokenFields::string, false),
        SEQ("seq", TokenFields::integer, false),
        IS_CONSTRAINT("is_constraint", TokenFields::bool, false),
        CONFIDENCE("confidence", TokenFields::number, false),
        CONFIDENCE_LABEL("confidence_label", TokenFields::string, false),
        TENANT_ID("tenant_id", TokenFields::string, false),
        CREATED_AT("created_at", TokenFields::time, false),
        EXPIRES_AT("expires_at", TokenFields::time, false),
        VALID("valid", TokenFields::bool, false),
        DEPENDS_ON("depends_on", TokenFields::strings, false),
        SUPERSEDES("supersedes", TokenFields::string, false),
        SUPERSEDED_BY("superseded_by", TokenFields::string, false),
        NEEDS_REVIEW("needs_review", TokenFields::bool, false);

        private static final Map<String, Member> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(member -> member.json, Function.identity()));

        private final String json;
        private final ValueReader reader;
        private final boolean required;

        Member(String json, ValueReader reader, boolean required) {
            this.json = json;
            this.reader = reader;
            this.required = required;
        }
    }

    private static final Member[] MEMBERS = Member.values();

    private final Object[] values = new Object[MEMBERS.length];
    private final IllegalArgumentException[] failures = new IllegalArgumentException[MEMBERS.length];

    private FactEntryReader() {}

    /** Reads the entry at the parser's current token, consuming all of it even when it fails. */
    static FactEntry read(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new IllegalArgumentException(DocumentEntries.NOT_AN_OBJECT);
        }
        FactEntryReader members = new FactEntryReader();
        members.readMembers(parser);
        members.check();
        return members.entry();
    }

    private void readMembers(JsonParser parser) throws IOException {
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            Member member = Member.BY_NAME.get(name);
            if (member == null) {
                parser.skipChildren();
                continue;
            }
            int at = member.ordinal();
            try {
                values[at] = member.reader.read(parser, member.json);
                failures[at] = null;
            } catch (IllegalArgumentException e) {
                values[at] = null;
                failures[at] = e;
            }
        }
    }

    private void check() {
        for (Member member : MEMBERS) {
            if (failures[member.ordinal()] != null) {
                throw failures[member.ordinal()];
            }
            if (member.required && values[member.ordinal()] == null) {
                throw Fields.missing(member.json);
            }
        }
    }

    private FactEntry entry() {
        String kind = or(Member.KIND, Fact.DEFAULT_KIND);
        List<String> tags = or(Member.TAGS, List.of());
        String authority = value(Member.AUTHORITY);
        FactEntry entry = new FactEntry(value(Member.SEQ), value(Member.ID), value(Member.SUBJECT), value(Member.BODY),
                kind, or(Member.IS_CONSTRAINT, Fact.CONSTRAINT_KIND.equals(kind)), or(Member.CONFIDENCE, 1.0),
                value(Member.CONFIDENCE_LABEL), authority == null ? Fact.authorityOf(tags) : authority, tags,
                value(Member.TENANT_ID), value(Member.CREATED_AT), value(Member.EXPIRES_AT), or(Member.VALID, true),
                or(Member.DEPENDS_ON, List.of()), value(Member.SUPERSEDES), value(Member.SUPERSEDED_BY),
                or(Member.NEEDS_REVIEW, false));
        DocumentEntries.validate(entry);
        return entry;
    }

    @SuppressWarnings("unchecked")
    private <T> T value(Member member) {
        return (T) values[member.ordinal()];
    }

    private <T> T or(Member member, T fallback) {
        T value = value(member);
        return value == null ? fallback : value;
    }
}
