package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentd.memgine.Timestamps;
import dev.agentd.memgine.graph.EdgeKind;
import dev.agentd.memgine.graph.GraphState;
import dev.agentd.memgine.graph.Identity;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The export document written by {@code memory.persist} (memory §8.2): the whole graph except
 * expired nodes, fact-to-fact edges in creation order, timestamps in RFC 3339.
 *
 * <p>Beyond the spec's example, every fact, turn and environment entry carries its {@code seq}
 * and the document carries {@code identity_seq}; {@link ImportFile} uses them to give the loaded
 * nodes the same relative order, so ties between node types break the same way after a round
 * trip. Readers that do not know the fields ignore them.
 */
public final class ExportFile {
    public static final String FORMAT = "agentd-memgine-export";
    private static final List<EdgeKind> FACT_EDGES = List.of(EdgeKind.RELATED_TO, EdgeKind.DEPENDS_ON,
            EdgeKind.SUPERSEDES);

    private ExportFile() {}

    /** Writes {@code <file>.tmp}, fsyncs, renames over {@code file}, fsyncs the directory. */
    public static void write(Path file, GraphState state, long now) throws IOException {
        SecureFiles.replaceDurably(file, out -> writeDocument(out, state, now));
    }

    private static void writeDocument(OutputStream out, GraphState state, long now) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", 1);
            g.writeStringField("exported_at", Timestamps.format(now));
            Identity identity = state.identity();
            if (identity == null) {
                g.writeNullField("identity");
            } else {
                g.writeStringField("identity", identity.body());
                g.writeNumberField("identity_seq", identity.seq());
            }
            DocumentWriter nodes = new DocumentWriter(g, state, TimeStyle.RFC3339, state::isVisible);
            nodes.writeFacts();
            nodes.writeEdges(FACT_EDGES);
            nodes.writeTurns();
            nodes.writeEnvironment();
            g.writeEndObject();
        }
    }
}
