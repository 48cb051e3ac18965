package dev.agentd.daemon;

import dev.agentd.browser.BrowserSettings;
import dev.agentd.browser.ChromiumLauncher;
import dev.agentd.daemon.agents.AgentManifest;
import dev.agentd.daemon.agents.AgentSupervisor;
import dev.agentd.daemon.agents.AgentsMethods;
import dev.agentd.daemon.agents.SpecValidator;
import dev.agentd.daemon.agents.SupervisorClock;
import dev.agentd.daemon.browser.BrowserMethods;
import dev.agentd.daemon.browser.BrowserService;
import dev.agentd.daemon.host.HostIdentity;
import dev.agentd.daemon.host.HostMethods;
import dev.agentd.daemon.host.HostState;
import dev.agentd.daemon.logging.DaemonLogging;
import dev.agentd.daemon.mcp.McpEndpoint;
import dev.agentd.daemon.memory.MemoryMethods;
import dev.agentd.daemon.memory.MemoryService;
import dev.agentd.daemon.memory.MemorySessions;
import dev.agentd.daemon.rpc.DispatchSettings;
import dev.agentd.daemon.runs.RunService;
import dev.agentd.daemon.runs.RunsMethods;
import dev.agentd.daemon.rpc.MethodRegistry;
import dev.agentd.daemon.server.HandshakeMethod;
import dev.agentd.daemon.server.ShutdownMethod;
import dev.agentd.daemon.session.AgentBindings;
import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.session.DaemonCredentials;
import dev.agentd.daemon.session.SessionAuthMethod;
import dev.agentd.daemon.session.SessionRegistry;
import dev.agentd.daemon.state.DaemonInfo;
import dev.agentd.daemon.state.InstanceLock;
import dev.agentd.daemon.state.SecureFiles;
import dev.agentd.daemon.state.StateRoot;
import dev.agentd.daemon.testing.TestBlockMethod;
import dev.agentd.daemon.testing.TestHooks;
import dev.agentd.daemon.transport.DaemonChannelInitializer;
import dev.agentd.daemon.transport.HealthEndpoint;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Protocol;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.Timestamps;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agentd: the start-up sequence of core §13, the single-instance lock of §14 and the
 * graceful shutdown of §15. {@code agentd serve} prints the ready line once {@link #start}
 * returns; tests start daemons in-process on port 0.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);
    static final Duration SHUTDOWN_CAP = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Duration BROWSER_CLOSE_LIMIT = Duration.ofSeconds(5);
    private static final RpcError SHUTTING_DOWN = new RpcError(ErrorCodes.INTERNAL_ERROR, "daemon shutting down");
    private static final int LOW_WATER_MARK = 8 * 1024 * 1024;
    private static final int HIGH_WATER_MARK = 16 * 1024 * 1024;

    private final DaemonConfig config;
    private final StateRoot root;
    private final InstanceLock lock;
    private final long pid = ProcessHandle.current().pid();
    private final Instant startedAt = Instant.now();
    private final SessionRegistry sessions = new SessionRegistry();
    private final AgentBindings bindings = new AgentBindings();
    private final TestHooks testHooks = TestHooks.fromSystemProperty();
    private final ExecutorService workers = newWorkerPool();
    private final ExecutorService background = Executors.newCachedThreadPool(new DefaultThreadFactory("agentd-background", true));
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("agentd-timer", true));
    private AgentSupervisor supervisor;
    private RunService runs;
    private HostState hostState;
    private BrowserService browsers;
    private MemoryService memory;
    private MemorySessions memorySessions;
    private McpEndpoint mcp;
    private final CompletableFuture<Integer> terminated = new CompletableFuture<>();
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean forced;
    private AutoCloseable fileLog;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private Channel listener;
    private int port;

    private Daemon(DaemonConfig config, StateRoot root, InstanceLock lock) {
        this.config = config;
        this.root = root;
        this.lock = lock;
    }

    /**
     * Runs start-up up to and including writing {@code daemon.json}; the caller prints the ready
     * line. On failure nothing written by this start is left behind and the lock is released.
     */
    public static Daemon start(DaemonConfig config) throws DaemonStartException {
        DaemonLogging.configureConsole(config.logLevel());
        StateRoot root = new StateRoot(config.root());
        if (root.existsAsNonDirectory()) {
            throw new DaemonStartException(DaemonStartException.CONFIGURATION_ERROR,
                    "state root " + root + " is not a directory", null);
        }
        Daemon daemon = new Daemon(config, root, acquireLock(root));
        try {
            daemon.boot();
            return daemon;
        } catch (DaemonStartException e) {
            daemon.abortStart();
            throw e;
        }
    }

    private static InstanceLock acquireLock(StateRoot root) throws DaemonStartException {
        Optional<InstanceLock> lock;
        try {
            root.prepare();
            lock = InstanceLock.tryAcquire(root.lockFile());
        } catch (IOException e) {
            throw new DaemonStartException(DaemonStartException.RUNTIME_FAILURE,
                    "cannot lock state root " + root + ": " + e.getMessage(), e);
        }
        if (lock.isEmpty()) {
            String url = DaemonInfo.readWsUrl(root.daemonJson()).orElse("url not yet published");
            throw new DaemonStartException(DaemonStartException.ALREADY_RUNNING, "another agentd (pid "
                    + InstanceLock.readOwnerPid(root.lockFile()) + ") is already running on " + root + " at " + url, null);
        }
        return lock.get();
    }

    private void boot() throws DaemonStartException {
        try {
            lock.writeOwnerPid(pid);
            fileLog = DaemonLogging.attachFile(root.logsDir());
        } catch (IOException e) {
            throw failure("cannot write to state root " + root + ": " + e.getMessage(), e);
        }
        log.info("agentd {} starting: root {}, bind {}:{}, auth {}", Protocol.AGENTD_VERSION, root,
                config.host(), config.port(), config.authEnabled() ? "on" : "off");
        warnIfExposed();
        deleteStaleFiles();
        startBrowsers();
        DaemonCredentials credentials = config.authEnabled() ? DaemonCredentials.generate() : null;
        openStores();
        mcp = new McpEndpoint(config, credentials, supervisor::tokenOf, memory, workers, timers);
        bind(methods(credentials));
        supervisor.environment(new AgentSupervisor.ChildEnvironment(wsUrl(),
                credentials == null ? null : credentials.daemonToken()));
        publish(credentials);
        registerSessionCleanup();
        log.info("ready: listening on {}", wsUrl());
    }

    /** Step 4, browser crash recovery: a previous daemon's browsers die before this one listens. */
    private void startBrowsers() {
        BrowserSettings settings = BrowserService.settings(root.root());
        BrowserService.reapOrphans(settings);
        browsers = new BrowserService(new ChromiumLauncher(settings), background);
    }

    /** Step 6: stores that fail to open fail only the calls that use them. */
    private void openStores() {
        memory = MemoryService.open(root.root().resolve("memory"), testHooks, background);
        memorySessions = new MemorySessions(memory);
        AgentManifest manifest = AgentManifest.load(root.agentsManifest());
        supervisor = new AgentSupervisor(root, manifest,
                new SpecValidator(config.scratchDirs(), System.getenv("PATH")), SupervisorClock.system(timers), background);
        supervisor.recoverOrphans();
        runs = RunService.open(root.root().resolve("runs"), this::logRunStoreAccess, config.runGrace(), timers);
    }

    @SuppressWarnings("unchecked")
    private void logRunStoreAccess(Path path) {
        testHooks.armed(TestHooks.RUNS_STORE_OPEN_LOG, java.util.function.Consumer.class)
                .ifPresent(log -> ((java.util.function.Consumer<Path>) log).accept(path));
    }

    /** The cleanup of core §5.1, in its order; features add their steps here. */
    private void registerSessionCleanup() {
        // step 2: release the agent binding only if it still maps to this session
        sessions.onClose((session, shutdown) -> {
            var principal = session.principal();
            if (principal != null && principal.agentId() != null) {
                bindings.release(principal.agentId(), session);
            }
        });
        // steps 3 (host part) and 4: drop the host subscription; owned host agents stopped and
        // ownerless, pending approvals raised by the session cancelled (host §6)
        sessions.onClose((session, shutdown) -> runs.dropSubscriptions(session));
        sessions.onClose((session, shutdown) -> hostState.release(session));
        // step 5: open runs of this connection wait out the grace (at shutdown: end at once)
        sessions.onClose((session, shutdown) -> runs.releaseStartedRuns(session, shutdown));
        // step 6: the browser dies with its connection; the close sequence runs off the event loop
        sessions.onClose((session, shutdown) -> browsers.release(session));
        // the memory binding and the status slots (memory §3.6) end with the connection
        sessions.onClose((session, shutdown) -> memorySessions.release(session));
    }

    /**
     * Core §13 step 10, called once the ready line is out: starts the {@code auto_start} agents
     * in the background (the ready line never waits for them).
     */
    public void onReady() {
        supervisor.startAutoStartAgents();
    }

    /** The host registry (host specification), e.g. for components raising system approvals. */
    public HostState hostState() {
        return hostState;
    }

    /** The memory service (memory.md), e.g. for the MCP endpoint and in-process benchmarks. */
    public MemoryService memory() {
        return memory;
    }

    /** The MCP endpoint at {@code /mcp} (mcp.md), e.g. for tests inspecting its sessions. */
    public McpEndpoint mcp() {
        return mcp;
    }

    /** The test-hook registry; arming fails unless the JVM runs with test hooks (core §18.1). */
    public TestHooks testHooks() {
        return testHooks;
    }

    private MethodRegistry methods(DaemonCredentials credentials) {
        MethodRegistry methods = new MethodRegistry()
                .register(new SessionAuthMethod(credentials, supervisor::tokenOf, bindings, memorySessions).method())
                .register(HandshakeMethod.method())
                .register(ShutdownMethod.method(this::shutdown));
        new AgentsMethods(supervisor, bindings, testHooks).registerAll(methods);
        new RunsMethods(runs).registerAll(methods);
        new BrowserMethods(browsers).registerAll(methods);
        new MemoryMethods(memory, memorySessions).registerAll(methods);
        hostState = new HostState(HostIdentity.of(Protocol.AGENTD_VERSION, pid, startedAt, root.agentsManifest()),
                Clock.systemUTC());
        new HostMethods(hostState).methods().forEach(methods::register);
        if (testHooks.active()) {
            methods.register(new TestBlockMethod().method());
        }
        return methods;
    }

    private void warnIfExposed() {
        if (!isLoopback(config.host())) {
            log.warn(config.authEnabled()
                    ? "binding {}, which is not a loopback address: other machines can reach this daemon"
                    : "binding {} with --no-auth: this daemon is open to the network without any authentication",
                    config.host());
        }
    }

    private void deleteStaleFiles() throws DaemonStartException {
        try {
            Files.deleteIfExists(root.authToken());
            Files.deleteIfExists(root.hostToken());
            Files.deleteIfExists(root.daemonJson());
        } catch (IOException e) {
            throw failure("cannot remove stale files under " + root + ": " + e.getMessage(), e);
        }
    }

    private void bind(MethodRegistry methods) throws DaemonStartException {
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("agentd-accept"), NioIoHandler.newFactory());
        // One event loop per available CPU, not Netty's default of two: handlers that block run on the
        // worker pool, so extra loops only time-share the same cores and add queueing (docs/core.md).
        ioGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("agentd-io"), NioIoHandler.newFactory());
        DispatchSettings dispatch = new DispatchSettings(methods, config.handlerTimeout(), workers, () -> stopping);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                .childHandler(new DaemonChannelInitializer(
                        new DaemonChannelInitializer.TransportSettings(config.maxMessageBytes(), config.authEnabled()),
                        sessions, dispatch, new HealthEndpoint(config.authEnabled()), mcp));
        ChannelFuture bound = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw failure("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
        }
        listener = bound.channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Step 8: token files, then {@code daemon.json}; once it exists, clients may connect. */
    private void publish(DaemonCredentials credentials) throws DaemonStartException {
        try {
            if (credentials != null) {
                SecureFiles.writeAtomically(root.authToken(), credentials.daemonToken().getBytes(StandardCharsets.US_ASCII));
                SecureFiles.writeAtomically(root.hostToken(), credentials.hostToken().getBytes(StandardCharsets.US_ASCII));
            }
            new DaemonInfo(pid, port, wsUrl(), httpBase() + "/mcp", Protocol.AGENTD_VERSION,
                    Timestamps.format(startedAt), Protocol.VERSION, config.authEnabled())
                    .write(root.daemonJson());
        } catch (IOException e) {
            throw failure("cannot write " + root.daemonJson().getParent() + " files: " + e.getMessage(), e);
        }
    }

    private static DaemonStartException failure(String message, Throwable cause) {
        return new DaemonStartException(DaemonStartException.RUNTIME_FAILURE, message, cause);
    }

    /** Undoes a failed start: whatever step 8 wrote, the listener, the lock. */
    private void abortStart() {
        deletePublishedFiles();
        if (memory != null) {
            memory.close();
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        stopEventLoops();
        stopExecutors();
        releaseLock();
    }

    // ---- addresses -------------------------------------------------------------------------------

    public int port() {
        return port;
    }

    /** The advertised URL: the bind address, except that a wildcard bind advertises 127.0.0.1. */
    public String wsUrl() {
        return "ws://" + advertisedHost() + ":" + port + "/";
    }

    public URI wsUri() {
        return URI.create(wsUrl());
    }

    public String httpBase() {
        return "http://" + advertisedHost() + ":" + port;
    }

    public Path root() {
        return root.root();
    }

    public long pid() {
        return pid;
    }

    private String advertisedHost() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---- shutdown (core §15) ------------------------------------------------------------------

    /** Begins graceful shutdown on its own thread; idempotent; returns at once. */
    public void shutdown() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            return;
        }
        Thread sequence = new Thread(this::runShutdown, "agentd-shutdown");
        sequence.start();
        Thread watchdog = new Thread(this::enforceShutdownCap, "agentd-shutdown-cap");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** A second signal: skip the remaining waits; the exit status becomes 1. */
    public void shutdownNow() {
        forced = true;
        shutdown();
        if (supervisor != null) {
            supervisor.killAllNow();
        }
    }

    /** Blocks until shutdown has finished; returns the exit status (0 clean, 1 otherwise). */
    public int awaitTermination() throws InterruptedException {
        try {
            return terminated.get();
        } catch (ExecutionException e) {
            return 1;
        }
    }

    /** Graceful shutdown, waiting for it to finish. */
    @Override
    public void close() {
        shutdown();
        try {
            awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runShutdown() {
        try {
            log.info("shutdown: closing the listener");
            listener.close().awaitUninterruptibly();
            mcp.stopStreams();
            stopping = true;
            drainInFlight();
            closeConnections();
            mcp.close();
            runs.shutdown();
            log.info("shutdown: stopping supervised agents");
            supervisor.shutdown(forced);
            log.info("shutdown: closing browsers");
            browsers.shutdown(BROWSER_CLOSE_LIMIT, forced);
            log.info("shutdown: folding memory graphs");
            memory.close();
            log.info("shutdown: removing token files and daemon.json");
            deletePublishedFiles();
            stopEventLoops();
            stopExecutors();
            log.info("shutdown: complete");
            releaseLock();
        } catch (RuntimeException e) {
            log.error("shutdown failed", e);
            forced = true;
        } finally {
            terminated.complete(forced ? 1 : 0);
        }
    }

    /** Step 3: up to 5 s for in-flight handlers, then answer the rest "daemon shutting down". */
    private void drainInFlight() {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (!forced && System.nanoTime() < deadline && anyInFlight()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessions.live().forEach(session -> session.connection().abortInFlight(SHUTTING_DOWN));
        mcp.abortInFlight();
    }

    private boolean anyInFlight() {
        return mcp.inFlight() > 0 || sessions.live().stream().anyMatch(session -> session.connection().inFlight() > 0);
    }

    /** Step 4: close 1001 and the cleanup of core §5.1, without grace timers. */
    private void closeConnections() {
        log.info("shutdown: closing {} connections", sessions.live().size());
        List<ClientSession> live = List.copyOf(sessions.live());
        List<CompletableFuture<Void>> closed = live.stream().map(session -> session.connection().closed()).toList();
        for (ClientSession session : live) {
            session.connection().close(1001, "daemon shutting down");
        }
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("shutdown: some connections did not close in time");
        }
        live.forEach(session -> sessions.close(session, true));
    }

    private void enforceShutdownCap() {
        try {
            terminated.get(SHUTDOWN_CAP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.error("shutdown did not finish within {} s; exiting anyway", SHUTDOWN_CAP.toSeconds());
            terminated.complete(1);
        } catch (InterruptedException | ExecutionException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deletePublishedFiles() {
        for (Path file : List.of(root.authToken(), root.hostToken(), root.daemonJson())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("cannot delete {}: {}", file, e.getMessage());
            }
        }
    }

    private void stopEventLoops() {
        for (EventLoopGroup group : new EventLoopGroup[] {acceptGroup, ioGroup}) {
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
    }

    private void stopExecutors() {
        workers.shutdownNow();
        background.shutdownNow();
        timers.shutdownNow();
    }

    private void releaseLock() {
        try {
            lock.close();
        } catch (IOException e) {
            log.warn("cannot release the state root lock: {}", e.getMessage());
        }
        if (fileLog != null) {
            try {
                fileLog.close();
            } catch (Exception e) {
                log.warn("cannot close the log file: {}", e.getMessage());
            }
        }
    }

    private static ExecutorService newWorkerPool() {
        // Handlers may block for minutes (agents.wait, browser.run): the pool grows on demand
        // and a blocked handler never delays dispatch on another connection.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new DefaultThreadFactory("agentd-worker", true));
    }
}
