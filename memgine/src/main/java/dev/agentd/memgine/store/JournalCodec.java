package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.graph.Mutation;
import dev.agentd.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal line format of memory §9.2: 8 lowercase hex digits of the CRC-32C of the JSON
 * bytes, one space, the JSON object on one line, {@code \n}. JSON escapes every control
 * character inside strings, so the only {@code \n} byte of a line is its terminator.
 */
public final class JournalCodec {
    private static final int CRC_DIGITS = 8;
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private JournalCodec() {}

    /** The complete line, terminator included. */
    public static byte[] encode(JournalRecord record) {
        byte[] json = json(record);
        byte[] prefix = String.format("%08x ", crc(json, 0, json.length)).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[prefix.length + json.length + 1];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(json, 0, line, prefix.length, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * Decodes one line without its terminator; throws {@link IllegalArgumentException} when the
     * CRC does not match or the content is not a valid record.
     */
    public static JournalRecord decode(byte[] bytes, int start, int end) {
        int jsonStart = start + CRC_DIGITS + 1;
        if (end - start < CRC_DIGITS + 2 || bytes[start + CRC_DIGITS] != ' ') {
            throw new IllegalArgumentException("malformed line");
        }
        String hex = new String(bytes, start, CRC_DIGITS, StandardCharsets.US_ASCII);
        if (!hex.matches("[0-9a-f]{8}") || Long.parseLong(hex, 16) != crc(bytes, jsonStart, end - jsonStart)) {
            throw new IllegalArgumentException("CRC mismatch");
        }
        try {
            JsonNode node = Json.mapper().readTree(bytes, jsonStart, end - jsonStart);
            return new JournalRecord(Fields.requiredLong(node, "lsn"), mutation(node));
        } catch (IOException e) {
            throw new IllegalArgumentException("unparsable record: "
                    + (e instanceof JsonProcessingException syntax ? JsonSyntax.describe(syntax) : e.getMessage()), e);
        }
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static byte[] json(JournalRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("lsn", record.lsn());
            writeMutation(g, record.mutation());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeMutation(JsonGenerator g, Mutation mutation) throws IOException {
        if (mutation instanceof Mutation.AddFact add) {
            writeAddFact(g, add);
        } else if (mutation instanceof Mutation.DeleteFact delete) {
            header(g, "delete", delete.at());
            g.writeStringField("id", delete.id());
        } else if (mutation instanceof Mutation.SetIdentity identity) {
            header(g, "set_identity", identity.at());
            g.writeStringField("body", identity.body());
        } else if (mutation instanceof Mutation.AddTurn turn) {
            header(g, "add_turn", turn.at());
            g.writeStringField("id", turn.id());
            g.writeStringField("speaker", turn.speaker());
            g.writeStringField("text", turn.text());
            g.writeNumberField("ts", turn.ts());
        } else if (mutation instanceof Mutation.SetEnvironment entry) {
            header(g, "set_environment", entry.at());
            g.writeStringField("key", entry.key());
            g.writeStringField("value", entry.value());
            if (entry.expiresAt() != null) {
                g.writeNumberField("expires_at", entry.expiresAt());
            }
        } else if (mutation instanceof Mutation.Consolidate consolidate) {
            writeConsolidate(g, consolidate);
        }
    }

    private static void header(JsonGenerator g, String op, long at) throws IOException {
        g.writeStringField("op", op);
        g.writeNumberField("at", at);
    }

    private static void writeAddFact(JsonGenerator g, Mutation.AddFact add) throws IOException {
        header(g, "add_fact", add.at());
        g.writeStringField("req", add.requestedId());
        g.writeStringField("id", add.id());
        g.writeStringField("subject", add.subject());
        g.writeStringField("body", add.body());
        g.writeStringField("kind", add.kind());
        if (add.isConstraint()) {
            g.writeBooleanField("is_constraint", true);
        }
        if (add.confidence() != 1.0) {
            g.writeNumberField("confidence", add.confidence());
        }
        optionalString(g, "confidence_label", add.confidenceLabel());
        if (!add.tags().isEmpty()) {
            writeStrings(g, "tags", add.tags());
        }
        optionalString(g, "tenant_id", add.tenantId());
        if (add.expiresAt() != null) {
            g.writeNumberField("expires_at", add.expiresAt());
        }
        if (!add.dependsOn().isEmpty()) {
            writeStrings(g, "depends_on", add.dependsOn());
        }
        optionalString(g, "supersedes", add.supersedes());
    }

    private static void writeConsolidate(JsonGenerator g, Mutation.Consolidate consolidate) throws IOException {
        header(g, "consolidate", consolidate.at());
        writeStrings(g, "deleted", consolidate.deleted());
        g.writeArrayFieldStart("turns");
        for (Mutation.TurnRewrite rewrite : consolidate.rewrites()) {
            g.writeStartObject();
            g.writeStringField("id", rewrite.id());
            g.writeStringField("text", rewrite.text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void optionalString(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static Mutation mutation(JsonNode node) {
        String op = Fields.requiredString(node, "op");
        long at = Fields.requiredLong(node, "at");
        return switch (op) {
            case "add_fact" -> new Mutation.AddFact(at, Fields.requiredString(node, "req"),
                    Fields.requiredString(node, "id"), Fields.requiredString(node, "subject"),
                    Fields.requiredString(node, "body"), Fields.requiredString(node, "kind"),
                    Fields.optionalBoolean(node, "is_constraint", false),
                    Fields.optionalDouble(node, "confidence", 1.0), Fields.optionalString(node, "confidence_label"),
                    Fields.strings(node, "tags"), Fields.optionalString(node, "tenant_id"),
                    Fields.optionalLong(node, "expires_at"), Fields.strings(node, "depends_on"),
                    Fields.optionalString(node, "supersedes"));
            case "delete" -> new Mutation.DeleteFact(at, Fields.requiredString(node, "id"));
            case "set_identity" -> new Mutation.SetIdentity(at, Fields.requiredString(node, "body"));
            case "add_turn" -> new Mutation.AddTurn(at, Fields.requiredString(node, "id"),
                    Fields.requiredString(node, "speaker"), Fields.requiredString(node, "text"),
                    Fields.requiredLong(node, "ts"));
            case "set_environment" -> new Mutation.SetEnvironment(at, Fields.requiredString(node, "key"),
                    Fields.requiredString(node, "value"), Fields.optionalLong(node, "expires_at"));
            case "consolidate" -> new Mutation.Consolidate(at, Fields.strings(node, "deleted"), rewrites(node));
            default -> throw new IllegalArgumentException("unknown op");
        };
    }

    private static List<Mutation.TurnRewrite> rewrites(JsonNode node) {
        List<Mutation.TurnRewrite> rewrites = new ArrayList<>();
        for (JsonNode rewrite : Fields.array(node, "turns")) {
            rewrites.add(new Mutation.TurnRewrite(Fields.requiredString(rewrite, "id"),
                    Fields.requiredString(rewrite, "text")));
        }
        return rewrites;
    }
}
