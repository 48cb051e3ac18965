package dev.agentd.browser.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains Chromium's stderr on its own thread until EOF (browser §4.3): Chromium must never block
 * on a full pipe. It picks the DevTools endpoint out of the output and keeps the last lines for
 * diagnostics.
 */
final class StderrTail {
    static final int KEPT_LINES = 50;
    private static final Pattern DEVTOOLS_LINE =
            Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:\\d+/devtools/browser/\\S+)");

    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final CompletableFuture<Void> eof = new CompletableFuture<>();

    static StderrTail start(InputStream stderr, String threadName) {
        StderrTail tail = new StderrTail();
        Thread thread = new Thread(() -> tail.drain(stderr), threadName);
        thread.setDaemon(true);
        thread.start();
        return tail;
    }

    /** Completes with the endpoint, or with null at EOF when no DevTools line came. */
    CompletableFuture<URI> endpoint() {
        return endpoint;
    }

    CompletableFuture<Void> eof() {
        return eof;
    }

    synchronized List<String> lastLines() {
        return List.copyOf(lastLines);
    }

    synchronized String lastLine() {
        return lastLines.isEmpty() ? "" : lastLines.peekLast();
    }

    private void drain(InputStream stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                accept(line);
            }
        } catch (IOException e) {
            // the pipe broke because the process is gone; EOF handling below covers it
        } finally {
            endpoint.complete(null);
            eof.complete(null);
        }
    }

    private void accept(String line) {
        if (!endpoint.isDone()) {
            Matcher matcher = DEVTOOLS_LINE.matcher(line);
            if (matcher.find()) {
                endpoint.complete(URI.create(matcher.group(1)));
                return;
            }
        }
        if (line.isBlank()) {
            return;
        }
        synchronized (this) {
            if (lastLines.size() == KEPT_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }
}
