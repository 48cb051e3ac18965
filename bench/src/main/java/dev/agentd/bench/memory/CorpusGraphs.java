package dev.agentd.bench.memory;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds benchmark graphs from {@code synth-v1}. A graph is filled through {@code memory.load} of
 * a bare fact array (memory §8.3): edges are derived with the live insertion rule in file order,
 * so the graph equals one built by N {@code add_fact} calls, without N fsyncs in the set-up.
 */
public final class CorpusGraphs {
    private CorpusGraphs() {}

    /** Writes {@code facts} as a {@code memory.load} input: {@code [{id, subject, body, supersedes?, depends_on?}]}. */
    public static void writeLoadFile(List<SyntheticFact> facts, Path file) {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.writeStartArray();
            for (SyntheticFact fact : facts) {
                json.writeStartObject();
                json.writeStringField("id", fact.id());
                json.writeStringField("subject", fact.subject());
                json.writeStringField("body", fact.body());
                if (fact.supersedes() != null) {
                    json.writeStringField("supersedes", fact.supersedes());
                }
                if (!fact.dependsOn().isEmpty()) {
                    json.writeArrayFieldStart("depends_on");
                    for (String id : fact.dependsOn()) {
                        json.writeString(id);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A graph in {@code directory} holding exactly {@code facts}. */
    public static MemoryGraph open(Path directory, List<SyntheticFact> facts) {
        Path loadFile = directory.resolveSibling(directory.getFileName() + "-load.json");
        writeLoadFile(facts, loadFile);
        MemoryGraph graph = MemoryGraph.open(directory, GraphOptions.defaults("bench"));
        graph.load(loadFile, loadFile.getFileName().toString());
        return graph;
    }

    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** Copies a graph directory (snapshot and journal) file by file. */
    public static void copyDirectory(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }
}
