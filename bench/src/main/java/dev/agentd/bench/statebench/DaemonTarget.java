package dev.agentd.bench.statebench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.client.AgentdConnector;
import dev.agentd.protocol.client.Credential;
import dev.agentd.protocol.client.RpcClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code daemon} mode: a real daemon ({@code java -jar agentd.jar serve --port 0 --home <root>})
 * in a child process, one WebSocket connection per timeline, authenticated with the daemon token
 * and bound to the timeline's {@code memory_namespace} (memory §11.1).
 */
public final class DaemonTarget implements ReplayTarget {
    private static final String READY_PREFIX = "agentd listening on ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Process daemon;
    private final URI url;
    private final Credential credential;

    private DaemonTarget(Process daemon, URI url, Credential credential) {
        this.daemon = daemon;
        this.url = url;
        this.credential = credential;
    }

    /**
     * Starts the daemon of {@code agentdJar} on a free port with state root {@code root} and waits
     * for its ready line. Its stderr goes to {@code <root>/serve.stderr}.
     */
    public static DaemonTarget start(Path agentdJar, Path root) {
        if (!Files.isRegularFile(agentdJar)) {
            throw new IllegalArgumentException("no agentd jar at " + agentdJar + " (build it: ./mvnw -B -q install -DskipTests -pl cli -am)");
        }
        Path stderr = root.resolve("serve.stderr");
        Process process;
        try {
            Files.createDirectories(root);
            process = new ProcessBuilder(List.of(javaExecutable(), "-jar", agentdJar.toString(), "serve", "--port", "0",
                    "--home", root.toString()))
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the daemon", e);
        }
        try {
            URI url = URI.create(readyUrl(process, stderr));
            Path tokenFile = root.resolve("auth-token");
            return new DaemonTarget(process, url, Credential.daemonToken(Files.readString(tokenFile).strip(),
                    tokenFile.toString()));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the daemon did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public String mode() {
        return "daemon";
    }

    @Override
    public TimelineGraph open(String memoryNamespace) {
        return new Connection(AgentdConnector.connect(url, credential, memoryNamespace, CALL_TIMEOUT));
    }

    /** Graceful stop (SIGTERM, core §15): the daemon folds every graph before it exits. */
    @Override
    public void close() {
        daemon.destroy();
        try {
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        } catch (InterruptedException e) {
            daemon.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String readyUrl(Process process, Path stderr) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String ready;
        try {
            ready = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the ready line", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no ready line: " + e + "; stderr: " + tail(stderr), e);
        }
        if (ready == null || !ready.startsWith(READY_PREFIX)) {
            throw new IOException("unexpected first line '" + ready + "'; stderr: " + tail(stderr));
        }
        return ready.substring(READY_PREFIX.length());
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Connection(RpcClient client) implements TimelineGraph {
        @Override
        public void setIdentity(ObjectNode params) {
            call("memory.set_identity", params);
        }

        @Override
        public String addFact(ObjectNode params) {
            return call("memory.add_fact", params).path("id").asText();
        }

        @Override
        public void addTurn(ObjectNode params) {
            call("memory.add_turn", params);
        }

        @Override
        public void setEnvironment(ObjectNode params) {
            call("memory.set_environment", params);
        }

        @Override
        public String buildContext(ObjectNode params) {
            return call("memory.build_context", params).asText();
        }

        @Override
        public void close() {
            client.close();
        }

        private JsonNode call(String method, ObjectNode params) {
            return client.call(method, params, CALL_TIMEOUT);
        }
    }
}
