package dev.agentd.memgine.store;

import dev.agentd.memgine.FactInput;
import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.MemoryGraph;
import java.nio.file.Path;

/**
 * The child JVM of {@link CrashDurabilityTest}: writes facts forever and prints each id only
 * after {@code addFact} returned, i.e. after the write was acknowledged.
 */
public final class JournalWriterProcess {
    private JournalWriterProcess() {}

    public static void main(String[] args) {
        MemoryGraph graph = MemoryGraph.open(Path.of(args[0]), GraphOptions.defaults("child"));
        for (int i = 0; ; i++) {
            String id = graph.addFact(FactInput.of("crash subject " + (i % 17), "acknowledged body " + i)).id();
            System.out.println(id);
            System.out.flush();
        }
    }
}
