package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.memgine.MemoryException;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.store.DocumentEntries.EnvironmentItem;
import dev.agentd.memgine.store.DocumentEntries.FactEntry;
import dev.agentd.memgine.store.DocumentEntries.FileEdges;
import dev.agentd.memgine.store.DocumentEntries.TurnEntry;
import dev.agentd.memgine.store.DocumentReader.ArrayRead;
import dev.agentd.memgine.store.DocumentReader.Document;
import dev.agentd.memgine.store.DocumentReader.Entries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and validates a file for {@code memory.load} (memory §8.3) completely before anything is
 * built, then builds the new graph off-lock. Every failure is a {@link MemoryException} with the
 * spec's {@code memory.load failed: …} message; nothing is half-loaded.
 *
 * <p>Accepted inputs: an export document, an object {@code {"facts": [...]}}, or a bare array of
 * fact objects.
 */
public final class ImportFile {
    public static final long MAX_BYTES = 256L * 1024 * 1024;
    private static final int MAX_IDENTITY = 16384;

    private ImportFile() {}

    /** The parsed content of an import file. {@code edges} is {@code null} when the file has none. */
    record ImportedDocument(String identity, Long identitySeq, List<FactEntry> facts, FileEdges edges,
            List<TurnEntry> turns, List<EnvironmentItem> environment) {
        int nodeCount() {
            return facts.size() + turns.size() + environment.size() + (identity == null || identity.isEmpty() ? 0 : 1);
        }
    }

    /**
     * Reads {@code file} and builds the graph it describes at clock {@code now}, all but its seed
     * index: the caller runs {@link GraphState#completeIndexing} before the graph is read, on
     * another thread while it writes the snapshot if it likes.
     *
     * @param shownPath the path as the caller gave it, for the messages
     */
    public static GraphState load(Path file, String shownPath, long now, int maxNodes) {
        ImportedDocument document = parse(file, shownPath);
        if (document.nodeCount() > maxNodes) {
            throw failed("the file holds " + document.nodeCount() + " nodes, more than the limit of " + maxNodes);
        }
        return ImportBuilder.build(document, now);
    }

    /** Streams the file through the reader: a 100k-fact export is 50 MB that need not be held at once. */
    private static ImportedDocument parse(Path file, String shownPath) {
        Document document;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw failed("file exceeds " + MAX_BYTES + " bytes");
            }
            document = DocumentReader.read(file);
        } catch (NoSuchFileException e) {
            throw failed("file not found: '" + shownPath + "'");
        } catch (JsonProcessingException e) {
            throw failed(JsonSyntax.describe(e));
        } catch (IOException e) {
            throw failed("cannot read file: " + e.getMessage());
        }
        if (document.isArray()) {
            return new ImportedDocument(null, null, complete(document.facts(), "facts").items(), null, List.of(),
                    List.of());
        }
        if (!document.isObject() || document.facts() == null) {
            throw failed("expected an export document, an object with \"facts\", or an array of facts");
        }
        JsonNode root = document.members();
        return new ImportedDocument(identity(root), seqOf(root), complete(document.facts(), "facts").items(),
                document.edges() != null ? complete(document.edges(), "edges") : null,
                optionalEntries(root, document.turns(), "turns"),
                optionalEntries(root, document.environment(), "environment"));
    }

    private static String identity(JsonNode root) {
        JsonNode identity = root.get("identity");
        if (identity == null || identity.isNull()) {
            return null;
        }
        if (!identity.isTextual() || identity.textValue().length() > MAX_IDENTITY) {
            throw failed("identity must be a string of at most " + MAX_IDENTITY + " chars");
        }
        return identity.textValue();
    }

    private static Long seqOf(JsonNode root) {
        JsonNode seq = root.get("identity_seq");
        return seq != null && seq.canConvertToLong() && seq.isIntegralNumber() ? seq.longValue() : null;
    }

    /** An absent or null member is empty; a member that is there must be an array. */
    private static <T> List<T> optionalEntries(JsonNode root, Entries<T> entries, String name) {
        if (entries != null) {
            return complete(entries, name).items();
        }
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        throw failed(name + " must be an array");
    }

    /** {@code read} if every entry of member {@code name} was read, else the failure with where it is. */
    private static <R extends ArrayRead> R complete(R read, String name) {
        if (read.failure() != null) {
            throw failed(read.failure().getMessage() + " at " + name + "[" + read.failedAt() + "]");
        }
        return read;
    }

    static MemoryException failed(String reason) {
        return MemoryException.runtime("memory.load failed: " + reason);
    }
}
