package dev.agentd.daemon.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.Steps;
import dev.agentd.protocol.client.RpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** {@code browser.*} calls over a daemon connection, and what they leave on the machine. */
final class BrowserCalls {
    /** Generous: a launch on a loaded machine takes seconds; the calls themselves are short. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Core check 40: the browser of a closed connection is gone within 5 s. */
    static final Duration CLEANUP_BOUND = Duration.ofSeconds(5);

    private BrowserCalls() {}

    /** {@code browser.run} with these steps as the script; returns the trace. */
    static JsonNode run(RpcClient client, ObjectNode... steps) {
        return client.call("browser.run", Steps.params(steps), CALL_TIMEOUT);
    }

    static JsonNode close(RpcClient client) {
        return client.call("browser.close", null, CALL_TIMEOUT);
    }

    static ObjectNode waitMs(int ms) {
        return Steps.step("wait").put("ms", ms);
    }

    static Path browserRunDir(Path root) {
        return root.resolve("run").resolve("browser");
    }

    /** Profiles and records in {@code <root>/run/browser/}. */
    static List<Path> browserRunDirEntries(Path root) {
        Path dir = browserRunDir(root);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The invariant of browser §10.2 for a whole state root, within {@code bound}. */
    static void awaitNoBrowserLeftovers(Path root, Duration bound) {
        await().atMost(bound).untilAsserted(() -> {
            assertThat(BrowserHarness.processesMentioning(root.toString())).as("browser processes alive").isEmpty();
            assertThat(browserRunDirEntries(root)).as("entries in run/browser").isEmpty();
        });
    }
}
