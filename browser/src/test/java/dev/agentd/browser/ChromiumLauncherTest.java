package dev.agentd.browser;

import static dev.agentd.browser.testing.BrowserHarness.parse;
import static dev.agentd.browser.testing.BrowserHarness.processesMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.launch.ChromiumResolver;
import dev.agentd.browser.script.InvalidScriptException;
import dev.agentd.browser.testing.FakeBrowserRig;
import dev.agentd.browser.testing.FakeCdpBrowser;
import dev.agentd.browser.testing.FakeChromium;
import dev.agentd.protocol.Json;
import dev.agentd.browser.launch.ProcessTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launch and its failures against fake Chromium binaries and a fake CDP peer (browser §4;
 * checks 1, 7, 8, 9, 10 and the set-up sequence of §5.3).
 */
class ChromiumLauncherTest {
    @TempDir
    Path dir;

    private static BrowserLaunchException launchFailure(BrowserSlot slot, String params) {
        return catchThrowableOfType(BrowserLaunchException.class, () -> slot.run(parse(params)));
    }

    private static List<Path> entries(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.toList();
        }
    }

    @Test
    void invalidScriptLaunchesNothing() {
        FakeBrowserRig rig = new FakeBrowserRig(dir);
        BrowserSlot slot = rig.slot();
        InvalidScriptException e = catchThrowableOfType(InvalidScriptException.class,
                () -> slot.run(parse("{\"script\":\"{not json\"}")));
        assertThat(e.getMessage()).startsWith("invalid params: script: not valid JSON");
        assertThat(rig.cdp.commands()).isEmpty();
        assertThat(rig.browserRunDir()).doesNotExist();
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        assertThat(slot.pid()).isEmpty();
    }

    @Test
    void nonExecutableVariableFailsWithoutPathFallback() throws IOException {
        Path notExecutable = Files.writeString(dir.resolve("chromium"), "not a program");
        FakeBrowserRig rig = new FakeBrowserRig(dir, notExecutable);
        BrowserLaunchException e = launchFailure(rig.slot(), "{\"script\":[]}");
        assertThat(e.code()).isEqualTo(-32603);
        assertThat(e.getMessage()).isEqualTo("browser launch failed: AGENTD_CHROMIUM=" + notExecutable
                + " is not an executable file");
        assertThat(rig.browserRunDir()).doesNotExist();
    }

    @Test
    void headedWithoutDisplayFailsBeforeSpawning() {
        FakeBrowserRig rig = new FakeBrowserRig(dir);
        BrowserSlot slot = rig.slot();
        BrowserLaunchException e = launchFailure(slot, "{\"script\":[],\"headed\":true}");
        assertThat(e.getMessage())
                .isEqualTo("browser launch failed: headed browser needs a display (DISPLAY and WAYLAND_DISPLAY are unset)");
        assertThat(rig.browserRunDir()).doesNotExist();
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        assertThat(slot.pid()).isEmpty();
    }

    @Test
    void processExitingBeforeTheDevToolsLineIsReportedWithItsStderr() throws IOException {
        FakeBrowserRig rig = new FakeBrowserRig(dir, FakeChromium.failing(dir));
        BrowserSlot slot = rig.slot();
        BrowserLaunchException e = launchFailure(slot, "{\"script\":[]}");
        assertThat(e.getMessage()).isEqualTo("browser launch failed: chromium exited with code 1: boom");
        assertThat(slot.pid()).isEmpty();
        assertThat(entries(rig.browserRunDir())).isEmpty();
    }

    @Test
    void noDevToolsLineWithinTheLaunchTimeoutKillsTheProcess() throws IOException {
        Path pidFile = dir.resolve("pid");
        FakeBrowserRig rig = new FakeBrowserRig(dir, FakeChromium.silent(dir, pidFile),
                settings -> settings.withLaunchTimeout(Duration.ofSeconds(1)));
        long start = System.nanoTime();
        BrowserLaunchException e = launchFailure(rig.slot(), "{\"script\":[]}");
        assertThat(e.getMessage()).isEqualTo("browser launch failed: no DevTools endpoint within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(pid).filter(ProcessTrees::isRunning)).isEmpty();
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        assertThat(entries(rig.browserRunDir())).isEmpty();
    }

    @Test
    void failedSetUpNamesTheMethodAndCleansUp() throws IOException {
        FakeBrowserRig rig = new FakeBrowserRig(dir);
        rig.cdp.answerWith("Target.attachToTarget", params -> FakeCdpBrowser.Answer.error("No target with given id found"));
        BrowserLaunchException e = launchFailure(rig.slot(), "{\"script\":[]}");
        assertThat(e.getMessage())
                .isEqualTo("browser launch failed: DevTools set-up failed: Target.attachToTarget: No target with given id found");
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        assertThat(entries(rig.browserRunDir())).isEmpty();
    }

    @Test
    void launchRunsTheSetUpSequenceAndWritesProfileAndRecord() throws Exception {
        FakeBrowserRig rig = new FakeBrowserRig(dir);
        BrowserSlot slot = rig.slot();
        JsonNode trace = Json.mapper().valueToTree(slot.run(parse("{\"script\":[],\"width\":800,\"height\":600}")));
        long pid = slot.pid().orElseThrow();

        assertThat(trace.path("ok").asBoolean()).isTrue();
        assertThat(trace.path("session").path("launched").asBoolean()).isTrue();
        assertThat(trace.path("session").path("pid").asLong()).isEqualTo(pid);
        assertThat(trace.path("session").path("browser_version").asText()).isEqualTo("FakeChrome/1.0");
        assertThat(rig.cdp.commands().stream().map(FakeCdpBrowser.Command::method).limit(12)).containsExactly(
                "Browser.getVersion", "Target.getTargets", "Target.attachToTarget",
                "Browser.setDownloadBehavior", "Page.enable", "Page.setLifecycleEventsEnabled",
                "DOM.enable", "Accessibility.enable", "Network.enable", "Inspector.enable",
                "Emulation.setDeviceMetricsOverride", "Emulation.setFocusEmulationEnabled");
        assertThat(rig.cdp.commands("Target.attachToTarget").get(0).params().path("flatten").asBoolean()).isTrue();
        assertThat(rig.cdp.commands("Browser.setDownloadBehavior").get(0).params().path("behavior").asText()).isEqualTo("deny");
        assertThat(rig.cdp.commands("Browser.setDownloadBehavior").get(0).sessionId()).isNull();
        assertThat(rig.cdp.commands("Page.enable").get(0).sessionId()).isEqualTo(FakeCdpBrowser.SESSION_ID);
        assertThat(rig.cdp.commands("Emulation.setDeviceMetricsOverride").get(0).params().toString())
                .isEqualTo("{\"width\":800,\"height\":600,\"deviceScaleFactor\":1,\"mobile\":false}");

        Path record = rig.browserRunDir().resolve(pid + ".json");
        JsonNode recorded = Json.mapper().readTree(record.toFile());
        Path profile = Path.of(recorded.path("profile_dir").asText());
        assertThat(recorded.path("pid").asLong()).isEqualTo(pid);
        assertThat(recorded.path("daemon_pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(recorded.path("started_at").asText()).isNotEmpty();
        assertThat(profile.getParent()).isEqualTo(rig.browserRunDir());
        assertThat(profile.getFileName().toString()).matches("profile-[0-9a-f]{16}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(record))).isEqualTo("rw-------");
        assertThat(processesMentioning(profile.toString())).extracting(ProcessHandle::pid).contains(pid);

        assertThat(slot.close()).isTrue();
        assertThat(processesMentioning(rig.root.toString())).isEmpty();
        assertThat(entries(rig.browserRunDir())).isEmpty();
        assertThat(slot.close()).isFalse();
    }

    @Test
    void chromiumGetsNoAgentdVariables() throws Exception {
        Path envFile = dir.resolve("env");
        Path binary = FakeChromium.dumpingEnvironment(dir, envFile);
        FakeBrowserRig rig = new FakeBrowserRig(dir, binary, settings -> settings.withEnvironment(Map.of(
                ChromiumResolver.VARIABLE, binary.toString(), "AGENTD_TOKEN", "secret-token",
                "AGENTD_HOME", "/tmp/x", "PATH", "/usr/bin:/bin", "LANG", "C.UTF-8")));
        BrowserSlot slot = rig.slot();
        slot.run(parse("{\"script\":[]}"));
        String environment = Files.readString(envFile);
        assertThat(environment).contains("LANG=C.UTF-8").doesNotContain("AGENTD_").doesNotContain("secret-token");
        slot.closeNow();
    }
}
