package dev.agentd.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A daemon in a child JVM ({@link TestDaemonMain}) on the test classpath, for checks about real
 * process death: {@code kill -9} mid-write, orphans left behind, recovery at the next start.
 */
public final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final URI wsUri;
    private final Path root;
    private final Path stderr;

    private DaemonProcess(Process process, URI wsUri, Path root, Path stderr) {
        this.process = process;
        this.wsUri = wsUri;
        this.root = root;
        this.stderr = stderr;
    }

    public static DaemonProcess start(Path root, String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dagentd.test-hooks=true", "-cp", System.getProperty("java.class.path"),
                TestDaemonMain.class.getName(), root.toString()));
        command.addAll(List.of(extraArgs));
        Path stderr = Files.createDirectories(root.getParent()).resolve("daemon-" + System.nanoTime() + ".stderr");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return null;
            }
        }).orTimeout(30, TimeUnit.SECONDS).join();
        if (line == null || !line.startsWith("agentd listening on ")) {
            process.destroyForcibly();
            throw new IOException("daemon did not start: " + line);
        }
        return new DaemonProcess(process, URI.create(line.substring("agentd listening on ".length())), root, stderr);
    }

    public URI wsUri() {
        return wsUri;
    }

    public URI httpBase() {
        return URI.create("http://" + wsUri.getHost() + ":" + wsUri.getPort());
    }

    /** Everything the daemon wrote to stderr (its console log). */
    public Path stderrFile() {
        return stderr;
    }

    public long pid() {
        return process.pid();
    }

    public String authToken() throws IOException {
        return Files.readString(root.resolve("auth-token")).strip();
    }

    /** {@code kill -9}: no shutdown sequence runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit status. */
    public int terminate(Duration bound) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("daemon did not exit within " + bound);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
