package dev.agentd.browser.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSettings;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.ChromiumLauncher;
import dev.agentd.browser.Trace;
import dev.agentd.browser.launch.BrowserRunDirectory;
import dev.agentd.browser.launch.ProcessTrees;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real-Chromium fixture for a test class: a {@link TestWebServer}, a temporary state root, a
 * {@link ChromiumLauncher} on it, and slots: {@link #newSlot()} ones are closed after each test,
 * the {@link #sharedSlot()} after the class. After the class it checks the cleanup invariant of
 * browser §10.2: no process whose command line names the root, and an empty {@code run/browser/}.
 *
 * <pre>{@code
 * @RegisterExtension static final BrowserHarness browser = new BrowserHarness();
 * }</pre>
 */
public final class BrowserHarness implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final UnaryOperator<BrowserSettings> customize;
    private final List<BrowserSlot> slots = new CopyOnWriteArrayList<>();
    private TestWebServer web;
    private Path root;
    private ChromiumLauncher launcher;
    private BrowserSlot shared;

    public BrowserHarness() {
        this(UnaryOperator.identity());
    }

    public BrowserHarness(UnaryOperator<BrowserSettings> customize) {
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        web = TestWebServer.start();
        root = Files.createTempDirectory("agentd-browser-test");
        launcher = new ChromiumLauncher(customize.apply(BrowserSettings.defaults(root)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (launcher == null) {
            return;
        }
        for (BrowserSlot slot : slots) {
            if (slot != shared) {
                slot.closeNow();
                slots.remove(slot);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (web == null) {
            return; // skipped before start: @RequiresChromium found no Chromium
        }
        try {
            slots.forEach(BrowserSlot::closeNow);
            assertNoLeftovers();
        } finally {
            web.close();
            BrowserRunDirectory.deleteRecursively(root);
        }
    }

    public TestWebServer web() {
        return web;
    }

    public String url(String path) {
        return web.url(path);
    }

    public Path root() {
        return root;
    }

    public Path browserRunDir() {
        return launcher.settings().browserRunDir();
    }

    public ChromiumLauncher launcher() {
        return launcher;
    }

    /** A fresh slot, as a new connection would have; closed after the test. */
    public BrowserSlot newSlot() {
        BrowserSlot slot = new BrowserSlot(launcher);
        slots.add(slot);
        return slot;
    }

    /** One slot the whole class shares, to save launches where isolation does not matter. */
    public synchronized BrowserSlot sharedSlot() {
        if (shared == null) {
            shared = newSlot();
        }
        return shared;
    }

    /** Runs {@code paramsJson} (the params of {@code browser.run}) and returns the trace as JSON. */
    public static JsonNode run(BrowserSlot slot, String paramsJson) throws InterruptedException {
        return toJson(slot.run(parse(paramsJson)));
    }

    /** Runs params built with {@link Steps#params} and returns the trace as JSON. */
    public static JsonNode run(BrowserSlot slot, JsonNode params) throws InterruptedException {
        return toJson(slot.run(params));
    }

    public static JsonNode toJson(Trace trace) {
        return Json.mapper().valueToTree(trace);
    }

    public static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Live processes whose command line mentions {@code text} (a profile path or the root). */
    public static List<ProcessHandle> processesMentioning(String text) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(ProcessTrees::isRunning)
                    .filter(process -> ProcessTrees.commandLine(process).contains(text))
                    .toList();
        }
    }

    /** Entries left in {@code run/browser/}. */
    public List<Path> browserRunDirEntries() {
        Path dir = browserRunDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void assertNoLeftovers() {
        assertThat(processesMentioning(root.toString())).as("browser processes left alive").isEmpty();
        assertThat(browserRunDirEntries()).as("files left in run/browser").isEmpty();
    }
}
