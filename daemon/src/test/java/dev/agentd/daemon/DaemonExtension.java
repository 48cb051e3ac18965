package dev.agentd.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real daemon on an ephemeral port in a fresh temporary {@code AGENTD_HOME}.
 *
 * <p>Registered with {@code @RegisterExtension} on a {@code static} field it starts one daemon for
 * the class; on an instance field, one per test. Clients opened through it are closed after each
 * test; the daemon is shut down ({@link Daemon#close()}) and its root deleted at the end.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DaemonExtension daemon = DaemonExtension.builder().handlerTimeout(Duration.ofSeconds(1)).build();
 * }</pre>
 */
public final class DaemonExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final String TEST_HOOKS_PROPERTY = "agentd.test-hooks";

    private final boolean authEnabled;
    private final Duration handlerTimeout;
    private final Integer maxMessageBytes;
    private final boolean testHooks;
    private final UnaryOperator<DaemonConfig> customizer;
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    private boolean perClass;
    private Path tempDir;
    private DaemonConfig config;
    private Daemon daemon;
    private String authToken;
    private String hostToken;

    private DaemonExtension(Builder builder) {
        this.authEnabled = builder.authEnabled;
        this.handlerTimeout = builder.handlerTimeout;
        this.maxMessageBytes = builder.maxMessageBytes;
        this.testHooks = builder.testHooks;
        this.customizer = builder.customizer;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeClients();
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    public Daemon daemon() {
        return daemon;
    }

    /** The configuration the daemon was started with (port 0), e.g. to start a second one on its root. */
    public DaemonConfig config() {
        return config;
    }

    public URI wsUri() {
        return daemon.wsUri();
    }

    public URI httpBase() {
        return URI.create(daemon.httpBase());
    }

    public Path root() {
        return config.root();
    }

    /** The daemon token as read from {@code <root>/auth-token} right after start. */
    public String authToken() {
        requireAuth();
        return authToken;
    }

    /** The host token as read from {@code <root>/host-token} right after start. */
    public String hostToken() {
        requireAuth();
        return hostToken;
    }

    /**
     * Waits for the daemon to finish shutting down and returns its exit status; fails the test
     * when that takes longer than {@code bound}.
     */
    public int awaitExit(Duration bound) throws Exception {
        Daemon running = daemon;
        return CompletableFuture.supplyAsync(() -> {
            try {
                return running.awaitTermination();
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        }).get(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An unauthenticated client; the caller sends {@code session.auth} itself, or not. */
    public RpcClient open() {
        return track(RpcClient.open(wsUri(), TIMEOUT));
    }

    /** A client authenticated with the daemon token (no handshake). With auth off: just open. */
    public RpcClient connect() {
        RpcClient client = open();
        if (authEnabled) {
            client.call("session.auth", credential("token", authToken), TIMEOUT);
        }
        return client;
    }

    /** A client authenticated with the host token (no handshake). With auth off: just open. */
    public RpcClient connectHost() {
        RpcClient client = open();
        if (authEnabled) {
            client.call("session.auth", credential("host_token", hostToken), TIMEOUT);
        }
        return client;
    }

    /** An unauthenticated raw WebSocket. */
    public RawWebSocket connectRaw() {
        return track(RawWebSocket.open(wsUri()));
    }

    /** A raw WebSocket that has sent {@code session.auth} with the daemon token (id 0) and got its reply. */
    public RawWebSocket connectRawAuthenticated() {
        RawWebSocket raw = connectRaw();
        if (authEnabled) {
            var reply = raw.call("""
                    {"jsonrpc":"2.0","id":0,"method":"session.auth","params":{"token":"%s"}}""".formatted(authToken));
            if (!reply.has("result")) {
                throw new AssertionError("session.auth with the daemon token failed: " + reply);
            }
        }
        return raw;
    }

    private void start() throws IOException, DaemonStartException {
        tempDir = Files.createTempDirectory("agentd-e2e-");
        config = customizer.apply(baseConfig(tempDir.resolve("home")).withPort(0));
        startDaemon();
    }

    private void startDaemon() throws IOException, DaemonStartException {
        daemon = startWithTestHooks(config, testHooks);
        daemon.onReady();
        if (authEnabled) {
            authToken = Files.readString(root().resolve("auth-token")).strip();
            hostToken = Files.readString(root().resolve("host-token")).strip();
        }
    }

    private DaemonConfig baseConfig(Path root) {
        DaemonConfig base = DaemonConfig.defaults(root).withAuth(authEnabled);
        if (handlerTimeout != null) {
            base = base.withHandlerTimeout(handlerTimeout);
        }
        return maxMessageBytes == null ? base : base.withMaxMessageBytes(maxMessageBytes);
    }

    /**
     * Starts a daemon with the test-hooks system property as given, restoring the property after:
     * the daemon reads it once, at start (core §18.1).
     */
    public static Daemon startWithTestHooks(DaemonConfig config, boolean testHooks) throws DaemonStartException {
        String previous = System.getProperty(TEST_HOOKS_PROPERTY);
        if (testHooks) {
            System.setProperty(TEST_HOOKS_PROPERTY, "true");
        } else {
            System.clearProperty(TEST_HOOKS_PROPERTY);
        }
        try {
            return Daemon.start(config);
        } finally {
            if (previous == null) {
                System.clearProperty(TEST_HOOKS_PROPERTY);
            } else {
                System.setProperty(TEST_HOOKS_PROPERTY, previous);
            }
        }
    }

    /**
     * Shuts the daemon down gracefully and starts a new one on the same root and a new port, as a
     * restart would; clients of the old daemon are closed.
     */
    public void restart() throws IOException, DaemonStartException {
        closeClients();
        daemon.close();
        config = config.withPort(0);
        startDaemon();
    }

    private void stop() throws IOException {
        closeClients();
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
        if (tempDir != null) {
            deleteRecursively(tempDir);
            tempDir = null;
        }
    }

    private void closeClients() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // the daemon may already have closed it; nothing left to release
            }
        }
        clients.clear();
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    private void requireAuth() {
        if (!authEnabled) {
            throw new IllegalStateException("this daemon runs with auth off: there are no token files");
        }
    }

    private static ObjectNode credential(String field, String value) {
        return Json.mapper().createObjectNode().put(field, value);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static final class Builder {
        private boolean authEnabled = true;
        private Duration handlerTimeout;
        private Integer maxMessageBytes;
        private boolean testHooks = true;
        private UnaryOperator<DaemonConfig> customizer = UnaryOperator.identity();

        private Builder() {}

        /** Adjusts the configuration further (e.g. {@code config -> config.withScratchDirs(...)}). */
        public Builder configure(UnaryOperator<DaemonConfig> customizer) {
            this.customizer = customizer;
            return this;
        }

        /** Starts the daemon as {@code --no-auth} (core §6.5). */
        public Builder noAuth() {
            authEnabled = false;
            return this;
        }

        public Builder handlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
            return this;
        }

        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** Starts the daemon while {@code agentd.test-hooks} is unset, as in production (core §18.1). */
        public Builder withoutTestHooks() {
            testHooks = false;
            return this;
        }

        public DaemonExtension build() {
            return new DaemonExtension(this);
        }
    }
}
