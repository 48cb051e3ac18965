package dev.agentd.daemon.agents;

import dev.agentd.daemon.session.Tokens;
import dev.agentd.daemon.state.SecureFiles;
import dev.agentd.daemon.state.StateRoot;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.Timestamps;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises agent child processes (agents §3–§5): spawning with the agent environment and log
 * redirection, the state machine with restart policies and backoff, stopping whole process trees,
 * orphans left by a crashed daemon, auto-start and shutdown.
 *
 * <p>Each agent's transitions are serialized by its own lock; a stop that waits out its grace
 * period holds only that agent's lock, and listings read published snapshots.
 */
public final class AgentSupervisor {
    private static final Logger log = LoggerFactory.getLogger(AgentSupervisor.class);

    /**
     * What a child's environment needs from the daemon.
     *
     * @param daemonToken null under {@code --no-auth}: {@code AGENTD_TOKEN} is then removed
     */
    public record ChildEnvironment(String daemonUrl, String daemonToken) {
        @Override
        public String toString() {
            return "ChildEnvironment[" + daemonUrl + "]";
        }
    }

    private final StateRoot root;
    private final AgentManifest manifest;
    private final SpecValidator validator;
    private final SupervisorClock clock;
    private final ExecutorService background;
    private final Map<String, ManagedAgent> agents = new ConcurrentHashMap<>();
    private final Object upserts = new Object();
    private volatile ChildEnvironment environment;
    private volatile boolean shuttingDown;

    public AgentSupervisor(StateRoot root, AgentManifest manifest, SpecValidator validator, SupervisorClock clock,
            ExecutorService background) {
        this.root = root;
        this.manifest = manifest;
        this.validator = validator;
        this.clock = clock;
        this.background = background;
        for (AgentSpec spec : manifest.specs()) {
            agents.put(spec.id(), new ManagedAgent(spec));
        }
    }

    /** Set once the listener is bound, before any spawn: the URL and token children connect with. */
    public void environment(ChildEnvironment environment) {
        this.environment = environment;
    }

    public AgentManifest manifest() {
        return manifest;
    }

    /** The per-agent token of {@code agentId}, for {@code session.auth}. */
    public Optional<String> tokenOf(String agentId) {
        return manifest.find(agentId).map(AgentSpec::token);
    }

    /** Published snapshots in manifest order. */
    public List<ManagedAgent.AgentState> states() {
        manifest.requireReadable();
        List<ManagedAgent.AgentState> states = new ArrayList<>();
        for (AgentSpec spec : manifest.specs()) {
            ManagedAgent agent = agents.get(spec.id());
            if (agent != null) {
                states.add(agent.state());
            }
        }
        return states;
    }

    public ManagedAgent.AgentState state(String id) {
        return agent(id).state();
    }

    // ---- methods ------------------------------------------------------------------------------

    /** Validates, keeps or mints the token, persists; a running child keeps its old spec. */
    public ManagedAgent.AgentState upsert(AgentSpec requested) {
        manifest.requireReadable();
        AgentSpec validated = validator.validate(requested);
        synchronized (upserts) {
            String token = manifest.find(validated.id()).map(AgentSpec::token).orElseGet(Tokens::newToken);
            AgentSpec stored = validated.withToken(token);
            manifest.put(stored);
            ManagedAgent agent = agents.computeIfAbsent(stored.id(), id -> new ManagedAgent(stored));
            agent.transitions.lock();
            try {
                agent.spec = stored;
                agent.removed = false;
                agent.publish();
            } finally {
                agent.transitions.unlock();
            }
            log.info("agent '{}' upserted: {}", stored.id(), stored.command());
            return agent.state();
        }
    }

    public ManagedAgent.AgentState start(String id) {
        ManagedAgent agent = agent(id);
        agent.transitions.lock();
        try {
            requireNotRemoved(agent, id);
            startLocked(agent);
            return agent.state();
        } finally {
            agent.transitions.unlock();
        }
    }

    public ManagedAgent.AgentState stop(String id, ProcessTree.Signal signal) {
        ManagedAgent agent = agent(id);
        agent.transitions.lock();
        try {
            requireNotRemoved(agent, id);
            stopLocked(agent, signal);
            return agent.state();
        } finally {
            agent.transitions.unlock();
        }
    }

    public ManagedAgent.AgentState restart(String id) {
        ManagedAgent agent = agent(id);
        agent.transitions.lock();
        try {
            requireNotRemoved(agent, id);
            stopLocked(agent, ProcessTree.Signal.TERM);
            startLocked(agent);
            return agent.state();
        } finally {
            agent.transitions.unlock();
        }
    }

    /** Stops the agent, deletes its manifest entry, token and pid file; logs and traces stay. */
    public boolean remove(String id) {
        manifest.requireReadable();
        ManagedAgent agent = agents.get(id);
        if (agent == null) {
            return false;
        }
        agent.transitions.lock();
        try {
            if (agent.removed) {
                return false;
            }
            stopLocked(agent, ProcessTree.Signal.TERM);
            synchronized (upserts) {
                manifest.remove(id);
                agents.remove(id, agent);
            }
            agent.removed = true;
            agent.publish();
            log.info("agent '{}' removed", id);
            return true;
        } finally {
            agent.transitions.unlock();
        }
    }

    /** The §1.1 rules re-checked on every stored command, in manifest order. */
    public List<Health> health() {
        manifest.requireReadable();
        return manifest.specs().stream()
                .map(spec -> {
                    Optional<String> problem = validator.commandProblem(spec.command());
                    return new Health(spec.id(), spec.command(), problem.isEmpty(), problem.orElse(null));
                })
                .toList();
    }

    /** An {@code agents.health} row. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Health(String id, String command, boolean ok, String reason) {}

    /**
     * Waits until the agent's status is one of {@code targets} (agents §7.3); never changes state.
     */
    public ManagedAgent.AgentState await(String id, List<AgentStatus> targets, Duration timeout, Duration poll)
            throws InterruptedException {
        ManagedAgent agent = agent(id);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ManagedAgent.AgentState state = agent.state();
            if (state.removed()) {
                throw notFound(id);
            }
            if (targets.contains(state.status())) {
                return state;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw RpcException.internal("wait timed out: agent '" + id + "' did not reach "
                        + targets.stream().map(AgentStatus::wireName).toList() + " within "
                        + formatSeconds(timeout) + "s (status " + state.status().wireName() + ")");
            }
            agent.awaitChange(Math.min(poll.toMillis(), Math.max(1, remaining / 1_000_000)));
        }
    }

    public Path stdoutLog(String id) {
        return root.logsDir().resolve(id + ".stdout.log");
    }

    public Path stderrLog(String id) {
        return root.logsDir().resolve(id + ".stderr.log");
    }

    /** Throws {@code agent '<id>' not found} unless the agent exists. */
    public void requireKnown(String id) {
        agent(id);
    }

    // ---- start-up and shutdown (agents §5) -------------------------------------------------------

    /** Core §13 step 6: recognise orphans of a crashed daemon through {@code run/<id>.pid}. */
    public void recoverOrphans() {
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(root.runDir(), "*.pid")) {
            for (Path file : pidFiles) {
                String id = file.getFileName().toString().replaceFirst("\\.pid$", "");
                recoverOrphan(id, file);
            }
        } catch (IOException e) {
            log.error("cannot scan {} for orphaned agents: {}", root.runDir(), e.getMessage());
        }
    }

    private void recoverOrphan(String id, Path file) {
        Optional<ProcessHandle> orphan = PidFile.read(file).flatMap(AgentSupervisor::liveProcess);
        if (orphan.isEmpty()) {
            deleteQuietly(file);
            return;
        }
        ManagedAgent agent = agents.get(id);
        if (agent == null) {
            log.warn("process {} of removed agent '{}' is still running from a previous daemon; leaving it alone",
                    orphan.get().pid(), id);
            return;
        }
        agent.transitions.lock();
        try {
            agent.orphan = orphan.get();
            agent.status = AgentStatus.BACKOFF;
            agent.publish();
        } finally {
            agent.transitions.unlock();
        }
        log.warn("agent '{}' is still running from a previous daemon (pid {}); not starting another", id,
                orphan.get().pid());
        orphan.get().onExit().thenRunAsync(() -> onOrphanExit(agent, orphan.get()), background);
    }

    /** A recorded pid is the same process only if its start instant (±1 s) and executable match. */
    private static Optional<ProcessHandle> liveProcess(PidFile record) {
        Optional<ProcessHandle> handle = ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle.Info info = handle.get().info();
        Optional<Instant> recorded = record.startInstant();
        boolean sameStart = recorded.isPresent() && info.startInstant()
                .map(actual -> Duration.between(actual, recorded.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0)
                .orElse(false);
        boolean sameExecutable = info.command().map(actual -> actual.equals(realPath(record.command()))).orElse(true);
        return sameStart && sameExecutable ? handle : Optional.empty();
    }

    private void onOrphanExit(ManagedAgent agent, ProcessHandle orphan) {
        agent.transitions.lock();
        try {
            if (agent.orphan != orphan) {
                return;
            }
            agent.orphan = null;
            deleteQuietly(PidFile.path(root.runDir(), agent.spec.id()));
            log.info("orphan {} of agent '{}' exited", orphan.pid(), agent.spec.id());
            if (!shuttingDown && !agent.removed && (agent.spec.autoStarts() || agent.startRequested)) {
                agent.startRequested = false;
                startQuietly(agent);
            } else {
                agent.status = AgentStatus.STOPPED;
                agent.publish();
            }
        } finally {
            agent.transitions.unlock();
        }
    }

    /** Core §13 step 10: start every {@code auto_start} agent that is not blocked by an orphan. */
    public void startAutoStartAgents() {
        for (AgentSpec spec : manifest.specs()) {
            ManagedAgent agent = agents.get(spec.id());
            if (agent != null && spec.autoStarts()) {
                background.execute(() -> {
                    agent.transitions.lock();
                    try {
                        if (agent.orphan == null && !agent.removed) {
                            startQuietly(agent);
                        }
                    } finally {
                        agent.transitions.unlock();
                    }
                });
            }
        }
    }

    /**
     * Core §15 step 5: no more restarts; every child and orphan stopped in parallel.
     *
     * @param kill SIGKILL at once (a second signal) instead of SIGTERM with a grace
     */
    public void shutdown(boolean kill) {
        shuttingDown = true;
        ProcessTree.Signal signal = kill ? ProcessTree.Signal.KILL : ProcessTree.Signal.TERM;
        List<CompletableFuture<Void>> stops = agents.values().stream()
                .map(agent -> CompletableFuture.runAsync(() -> stopForShutdown(agent, signal), background))
                .toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * A second signal during shutdown: SIGKILL every child tree and orphan now, without waiting
     * for the locks that graceful stops are holding during their grace period.
     */
    public void killAllNow() {
        shuttingDown = true;
        for (ManagedAgent agent : agents.values()) {
            ManagedAgent.AgentState state = agent.state();
            for (Long pid : new Long[] {state.pid(), state.blockedByPid()}) {
                if (pid != null) {
                    ProcessHandle.of(pid).ifPresent(root -> {
                        root.descendants().forEach(ProcessHandle::destroyForcibly);
                        root.destroyForcibly();
                    });
                }
            }
        }
    }

    private void stopForShutdown(ManagedAgent agent, ProcessTree.Signal signal) {
        agent.transitions.lock();
        try {
            stopLocked(agent, signal);
        } catch (RuntimeException e) {
            log.error("could not stop agent '{}' at shutdown: {}", agent.spec.id(), e.getMessage());
        } finally {
            agent.transitions.unlock();
        }
    }

    // ---- transitions (agent lock held) ------------------------------------------------------------

    private void startLocked(ManagedAgent agent) {
        if (agent.orphan != null) {
            agent.startRequested = true; // the orphan keeps the agent blocked until it exits
            return;
        }
        if (agent.status == AgentStatus.RUNNING || agent.status == AgentStatus.STARTING) {
            return;
        }
        agent.restartCount = 0;
        agent.cancelBackoff.run();
        agent.lastError = null;
        spawn(agent).ifPresent(reason -> {
            throw RpcException.internal("failed to start agent '" + agent.spec.id() + "': " + reason);
        });
    }

    private void startQuietly(ManagedAgent agent) {
        try {
            startLocked(agent);
        } catch (RpcException e) {
            log.warn("{}", e.getMessage());
        }
    }

    /** Spawns the child; on failure the agent is {@code errored} and the reason returned. */
    private Optional<String> spawn(ManagedAgent agent) {
        AgentSpec spec = agent.spec;
        agent.status = AgentStatus.STARTING;
        agent.publish();
        Optional<String> problem = validator.commandProblem(spec.command());
        if (problem.isPresent()) {
            return failSpawn(agent, problem.get());
        }
        Process process;
        try {
            process = processBuilder(spec).start();
        } catch (IOException | RuntimeException e) {
            return failSpawn(agent, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        Instant now = clock.now();
        agent.process = process;
        agent.spawnedAt = now;
        agent.startedAt = now.getEpochSecond();
        agent.status = AgentStatus.RUNNING;
        agent.publish();
        writePidFile(spec, process);
        log.info("agent '{}' running (pid {})", spec.id(), process.pid());
        process.onExit().thenRunAsync(() -> onExit(agent, process), background);
        return Optional.empty();
    }

    private Optional<String> failSpawn(ManagedAgent agent, String reason) {
        agent.status = AgentStatus.ERRORED;
        agent.lastError = reason;
        agent.publish();
        log.warn("agent '{}' could not be started: {}", agent.spec.id(), reason);
        return Optional.of(reason);
    }

    private ProcessBuilder processBuilder(AgentSpec spec) throws IOException {
        SecureFiles.createDirectories(root.logsDir());
        Path stdout = stdoutLog(spec.id());
        Path stderr = stderrLog(spec.id());
        SecureFiles.createFileIfAbsent(stdout);
        SecureFiles.createFileIfAbsent(stderr);
        List<String> commandLine = new ArrayList<>();
        commandLine.add(spec.command());
        commandLine.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(new File(spec.cwd() != null ? spec.cwd() : System.getProperty("user.home")))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        Map<String, String> env = builder.environment();
        ChildEnvironment daemon = environment;
        env.put("AGENTD_URL", daemon.daemonUrl());
        if (daemon.daemonToken() != null) {
            env.put("AGENTD_TOKEN", daemon.daemonToken());
        } else {
            env.remove("AGENTD_TOKEN");
        }
        env.put("AGENTD_AGENT_ID", spec.id());
        env.put("AGENTD_AGENT_TOKEN", spec.token());
        env.putAll(spec.env());
        return builder;
    }

    private void writePidFile(AgentSpec spec, Process process) {
        Instant start = process.info().startInstant().orElseGet(clock::now);
        try {
            new PidFile(process.pid(), Timestamps.format(start), spec.command(), ProcessHandle.current().pid())
                    .write(PidFile.path(root.runDir(), spec.id()));
        } catch (IOException e) {
            log.error("cannot write the pid file of agent '{}': {}", spec.id(), e.getMessage());
        }
    }

    /** A child exited on its own (a stop clears {@code agent.process} first, so it never lands here). */
    private void onExit(ManagedAgent agent, Process process) {
        agent.transitions.lock();
        try {
            if (agent.process != process) {
                return;
            }
            int exitCode = process.exitValue();
            agent.process = null;
            agent.lastExitCode = exitCode;
            deleteQuietly(PidFile.path(root.runDir(), agent.spec.id()));
            log.info("agent '{}' exited with {}", agent.spec.id(), exitCode);
            if (shuttingDown || agent.removed || !agent.spec.restart().restartsAfter(exitCode)) {
                agent.status = AgentStatus.STOPPED;
                agent.startedAt = null;
            } else {
                scheduleRestart(agent);
            }
            agent.publish();
        } finally {
            agent.transitions.unlock();
        }
    }

    private void scheduleRestart(ManagedAgent agent) {
        if (Duration.between(agent.spawnedAt, clock.now()).compareTo(Backoff.STABLE_RUN) >= 0) {
            agent.restartCount = 0;
        }
        agent.restartCount++;
        int maxRestarts = agent.spec.maxRestarts();
        if (agent.restartCount > maxRestarts) {
            agent.status = AgentStatus.ERRORED;
            agent.lastError = "exceeded max_restarts (" + maxRestarts + ")";
            log.warn("agent '{}' {}", agent.spec.id(), agent.lastError);
            return;
        }
        agent.status = AgentStatus.BACKOFF;
        long generation = ++agent.backoffGeneration;
        Duration delay = Backoff.delay(agent.spec.backoffSecs(), agent.restartCount);
        agent.cancelBackoff = clock.schedule(() -> onBackoffElapsed(agent, generation), delay);
    }

    private void onBackoffElapsed(ManagedAgent agent, long generation) {
        agent.transitions.lock();
        try {
            if (agent.status != AgentStatus.BACKOFF || agent.backoffGeneration != generation || shuttingDown
                    || agent.removed || agent.orphan != null) {
                return;
            }
            spawn(agent);
        } finally {
            agent.transitions.unlock();
        }
    }

    /** Stops whatever runs for the agent (own child or orphan) and leaves it {@code stopped}. */
    private void stopLocked(ManagedAgent agent, ProcessTree.Signal signal) {
        agent.cancelBackoff.run();
        agent.backoffGeneration++;
        agent.startRequested = false;
        Process process = agent.process;
        ProcessHandle orphan = agent.orphan;
        if (process != null) {
            agent.process = null;
            if (!ProcessTree.stop(process.toHandle(), signal)) {
                agent.process = process;
                throw RpcException.internal("failed to stop agent '" + agent.spec.id() + "': process "
                        + process.pid() + " did not exit");
            }
            agent.lastExitCode = process.exitValue();
        } else if (orphan != null && orphan.isAlive()) {
            agent.orphan = null;
            ProcessTree.stop(orphan, signal);
        }
        agent.orphan = null;
        if (process != null || orphan != null) {
            deleteQuietly(PidFile.path(root.runDir(), agent.spec.id()));
        }
        agent.status = AgentStatus.STOPPED;
        agent.startedAt = null;
        agent.publish();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private ManagedAgent agent(String id) {
        manifest.requireReadable();
        ManagedAgent agent = id == null ? null : agents.get(id);
        if (agent == null) {
            throw notFound(id);
        }
        return agent;
    }

    private static void requireNotRemoved(ManagedAgent agent, String id) {
        if (agent.removed) {
            throw notFound(id);
        }
    }

    static RpcException notFound(String id) {
        return RpcException.internal("agent '" + id + "' not found");
    }

    private static String realPath(String command) {
        try {
            return Path.of(command).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return command;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    static String formatSeconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
    }
}
