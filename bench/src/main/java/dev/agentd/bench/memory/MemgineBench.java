package dev.agentd.bench.memory;

import dev.agentd.daemon.logging.DaemonLogging;
import dev.agentd.memgine.FactWriteResult;
import dev.agentd.memgine.GraphOptions;
import dev.agentd.memgine.MemoryGraph;
import dev.agentd.memgine.QueryHit;
import dev.agentd.memgine.graph.GraphView;
import dev.agentd.memgine.retrieval.ReferenceRetrieval;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory performance targets of memory §10 on {@code synth-v1} ({@link SyntheticCorpus}), one
 * benchmark thread, at the service level: {@link MemoryGraph} with its journal, no WebSocket.
 *
 * <ul>
 *   <li>{@code query}: {@code memory.query} (k = 5) over the corpus' 1,000 queries in turn, at 10k
 *       and 100k facts, the index ({@code engine}) next to the brute-force {@code reference} of
 *       §5.5 (the ratio baseline; it rebuilds the walk entries by scanning every edge for every
 *       node, about 10 s per query at 10k facts and far too slow at 100k, where its set-up refuses
 *       to run);</li>
 *   <li>{@code addFactDurable}: {@code add_fact} (journal append + fsync) on a 100k-fact graph, with
 *       {@code fsyncAppend100Bytes}, the raw fsync of a 100-byte append on the same filesystem, as
 *       its floor (the set-up prints the filesystem type);</li>
 *   <li>{@code load}: {@code memory.load} of a 100k-fact export (parse, build, snapshot, swap);</li>
 *   <li>{@code open}: opening a graph with a 100k-fact snapshot and a 10k-record journal;</li>
 *   <li>{@code buildContext}: {@code memory.build_context} (default budget) at 10k facts (no target).</li>
 * </ul>
 *
 * <p>Run from the project root (the vocabulary is read from {@code ../shared/data/statebench/train.jsonl},
 * or {@code -Dagentd.statebench.train=PATH} passed with {@code -jvmArgsAppend}); graphs live under
 * {@code java.io.tmpdir}. About 6 minutes in all:
 * <pre>
 * ./mvnw -B -q install -DskipTests -pl bench -am
 * java -jar bench/target/agentd-bench.jar 'MemgineBench.(query|buildContext)' -p facts=10000 -rf json -rff /tmp/memgine-10k.json
 * java -jar bench/target/agentd-bench.jar 'MemgineBench.query' -p facts=100000 -p impl=engine -rf json -rff /tmp/memgine-100k.json
 * java -jar bench/target/agentd-bench.jar 'MemgineBench.(addFactDurable|fsyncAppend100Bytes|load|open)' -rf json -rff /tmp/memgine-io.json
 * java -cp bench/target/agentd-bench.jar dev.agentd.bench.memory.MemgineBenchSummary /tmp/memgine-*.json
 * </pre>
 * The last line prints p50/p99 per operation with the engine/reference ratio.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx8g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MemgineBench {
    static final int SMALL = 10_000;
    static final int LARGE = 100_000;
    static final int JOURNAL_RECORDS = 10_000;

    /** A graph of {@code facts} facts and the corpus' queries, taken in turn. */
    @State(Scope.Benchmark)
    public static class QueryGraph {
        @Param({"10000", "100000"})
        int facts;

        @Param({"engine", "reference"})
        String impl;

        Path directory;
        MemoryGraph graph;
        GraphView view;
        long now;
        List<String> queries;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            if (impl.equals("reference") && facts > SMALL) {
                throw new IllegalStateException("the brute-force reference at " + facts
                        + " facts takes many minutes per query; measure it with -p facts=" + SMALL);
            }
            SyntheticCorpus corpus = SyntheticCorpus.generate(trainFile(), facts);
            directory = CorpusGraphs.temporaryDirectory("memgine-bench-");
            graph = CorpusGraphs.open(directory.resolve("graph"), corpus.facts());
            queries = corpus.queries();
            if (impl.equals("reference")) {
                view = graph.view();
                now = graph.now();
            }
        }

        String nextQuery() {
            String query = queries.get(next);
            next = (next + 1) % queries.size();
            return query;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            graph.close();
            CorpusGraphs.deleteTree(directory);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public List<QueryHit> query(QueryGraph state) {
        String query = state.nextQuery();
        return state.impl.equals("engine") ? state.graph.query(query, 5)
                : ReferenceRetrieval.query(state.view, query, 5, state.now);
    }

    /** A 10k-fact graph for {@code build_context}. */
    @State(Scope.Benchmark)
    public static class ContextGraph {
        Path directory;
        MemoryGraph graph;
        List<String> queries;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            SyntheticCorpus corpus = SyntheticCorpus.generate(trainFile(), SMALL);
            directory = CorpusGraphs.temporaryDirectory("memgine-bench-");
            graph = CorpusGraphs.open(directory.resolve("graph"), corpus.facts());
            queries = corpus.queries();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            graph.close();
            CorpusGraphs.deleteTree(directory);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public String buildContext(ContextGraph state) {
        String query = state.queries.get(state.next);
        state.next = (state.next + 1) % state.queries.size();
        return state.graph.buildContext(query, null, false);
    }

    /** A 100k-fact graph and the next facts of the same corpus stream to add. */
    @State(Scope.Benchmark)
    public static class WritableGraph {
        private static final int PREPARED_WRITES = 50_000;

        Path directory;
        MemoryGraph graph;
        List<SyntheticFact> writes;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            SyntheticCorpus corpus = SyntheticCorpus.generate(trainFile(), LARGE);
            directory = CorpusGraphs.temporaryDirectory("memgine-bench-");
            graph = CorpusGraphs.open(directory.resolve("graph"), corpus.facts());
            writes = corpus.moreFacts(PREPARED_WRITES);
            printFileStore(directory);
        }

        SyntheticFact nextWrite() {
            SyntheticFact fact = writes.get(next);
            next = (next + 1) % writes.size();
            return fact;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            graph.close();
            CorpusGraphs.deleteTree(directory);
        }
    }

    /** Acknowledged only once its journal record is fsynced (§9.3). Past the prepared facts, ids get minted suffixes. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public FactWriteResult addFactDurable(WritableGraph state) {
        return state.graph.addFact(state.nextWrite().toInput());
    }

    /** A file on the graphs' filesystem that 100-byte records are appended to. */
    @State(Scope.Benchmark)
    public static class AppendFile {
        private static final byte[] RECORD = (".".repeat(99) + "\n").getBytes(StandardCharsets.US_ASCII);

        Path directory;
        RandomAccessFile file;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            DaemonLogging.configureConsole("warn");
            directory = CorpusGraphs.temporaryDirectory("memgine-bench-");
            file = new RandomAccessFile(directory.resolve("append.log").toFile(), "rw");
            printFileStore(directory);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            file.close();
            CorpusGraphs.deleteTree(directory);
        }
    }

    /** The floor of {@code addFactDurable}: one 100-byte append and {@code fsync}, as the journal does it. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public void fsyncAppend100Bytes(AppendFile state) throws IOException {
        state.file.write(AppendFile.RECORD);
        state.file.getFD().sync();
    }

    /** An export ({@code memory.persist}) of a 100k-fact graph, and a graph to load it into. */
    @State(Scope.Benchmark)
    public static class ExportFileState {
        Path directory;
        Path export;
        MemoryGraph target;

        @Setup(Level.Trial)
        public void setUp() {
            SyntheticCorpus corpus = SyntheticCorpus.generate(trainFile(), LARGE);
            directory = CorpusGraphs.temporaryDirectory("memgine-bench-");
            MemoryGraph source = CorpusGraphs.open(directory.resolve("source"), corpus.facts());
            export = directory.resolve("export.json");
            source.persist(export);
            source.close();
            target = MemoryGraph.open(directory.resolve("target"), GraphOptions.defaults("bench-load"));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            target.close();
            CorpusGraphs.deleteTree(directory);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public int load(ExportFileState state) {
        return state.target.load(state.export, "export.json");
    }

    /**
     * A graph directory with a 100k-fact snapshot and a 10k-record journal, kept pristine; each
     * iteration opens a fresh copy of it.
     */
    @State(Scope.Benchmark)
    public static class StoredGraph {
        Path directory;
        Path pristine;
        Path copy;
        MemoryGraph opened;
        int copies;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            SyntheticCorpus corpus = SyntheticCorpus.generate(trainFile(), LARGE);
            directory = CorpusGraphs.temporaryDirectory("memgine-bench-");
            pristine = directory.resolve("pristine");
            MemoryGraph writer = CorpusGraphs.open(pristine, corpus.facts());
            appendConcurrently(writer, corpus.moreFacts(JOURNAL_RECORDS));
            // Not closed: closing folds the journal into the snapshot, and the journal must stay.
            long journalLines;
            try (var lines = Files.lines(pristine.resolve(MemoryGraph.JOURNAL_FILE))) {
                journalLines = lines.count();
            }
            if (journalLines != JOURNAL_RECORDS) {
                throw new IllegalStateException("journal holds " + journalLines + " records, expected " + JOURNAL_RECORDS);
            }
        }

        @Setup(Level.Iteration)
        public void copyPristine() {
            copy = directory.resolve("copy-" + copies++);
            CorpusGraphs.copyDirectory(pristine, copy);
        }

        @TearDown(Level.Iteration)
        public void closeCopy() {
            if (opened != null) {
                opened.close();
                opened = null;
            }
            CorpusGraphs.deleteTree(copy);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            CorpusGraphs.deleteTree(directory);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public long open(StoredGraph state) {
        state.opened = MemoryGraph.open(state.copy, GraphOptions.defaults("bench-open"));
        return state.opened.recovery().appliedRecords();
    }

    /** Eight writers, so group commit shares the fsyncs and the set-up stays short. */
    private static void appendConcurrently(MemoryGraph graph, List<SyntheticFact> facts) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<FactWriteResult>> pending = new ArrayList<>();
            for (SyntheticFact fact : facts) {
                pending.add(writers.submit(() -> graph.addFact(fact.toInput())));
            }
            for (Future<FactWriteResult> write : pending) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    static Path trainFile() {
        // memgine logs each load and fold at INFO; keep the JMH output readable
        DaemonLogging.configureConsole("warn");
        return Path.of(System.getProperty("agentd.statebench.train", "../shared/data/statebench/train.jsonl"));
    }

    static void printFileStore(Path directory) {
        try {
            System.out.println("[memgine-bench] filesystem of " + directory + ": "
                    + Files.getFileStore(directory).type());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
