package dev.agentd.browser.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentd.browser.BrowserLaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery (browser §4.1; check 7). */
class ChromiumResolverTest {
    @TempDir
    Path dir;

    private Path executable(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static String failure(Map<String, String> environment) {
        return catchThrowableOfType(BrowserLaunchException.class, () -> new ChromiumResolver(environment).resolve())
                .getMessage();
    }

    @Test
    void variableWinsAndMustBeAnExecutableFileWithoutPathFallback() throws IOException {
        Path onPath = executable(dir.resolve("bin"), "chromium");
        Path configured = executable(dir.resolve("elsewhere"), "my-chrome");
        Map<String, String> path = Map.of("PATH", onPath.getParent().toString());

        assertThat(new ChromiumResolver(Map.of("PATH", path.get("PATH"), "AGENTD_CHROMIUM", configured.toString())).resolve())
                .isEqualTo(configured);

        Path notExecutable = Files.writeString(dir.resolve("plain"), "x");
        assertThat(failure(Map.of("PATH", path.get("PATH"), "AGENTD_CHROMIUM", notExecutable.toString())))
                .isEqualTo("browser launch failed: AGENTD_CHROMIUM=" + notExecutable + " is not an executable file");
        assertThat(failure(Map.of("PATH", path.get("PATH"), "AGENTD_CHROMIUM", dir.toString())))
                .isEqualTo("browser launch failed: AGENTD_CHROMIUM=" + dir + " is not an executable file");
        assertThat(failure(Map.of("PATH", path.get("PATH"), "AGENTD_CHROMIUM", "chromium")))
                .isEqualTo("browser launch failed: AGENTD_CHROMIUM=chromium is not an executable file");
    }

    @Test
    void emptyVariableCountsAsUnset() throws IOException {
        Path onPath = executable(dir.resolve("bin"), "chromium-browser");
        assertThat(new ChromiumResolver(Map.of("PATH", onPath.getParent().toString(), "AGENTD_CHROMIUM", "")).resolve())
                .isEqualTo(onPath);
    }

    @Test
    void pathIsSearchedNameByNameInOrder() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        executable(first, "google-chrome");
        Path chromium = executable(second, "chromium");
        String path = first + ":" + second;
        assertThat(new ChromiumResolver(Map.of("PATH", path)).resolve()).isEqualTo(chromium);

        Files.createDirectories(dir.resolve("dirs").resolve("chromium"));
        assertThat(new ChromiumResolver(Map.of("PATH", dir.resolve("dirs") + ":" + first)).resolve())
                .isEqualTo(first.resolve("google-chrome"));
    }

    @Test
    void nothingFoundListsTheFourNames() {
        String message = failure(Map.of("PATH", ""));
        assertThat(message).isEqualTo("browser launch failed: no Chromium found (AGENTD_CHROMIUM unset; searched PATH for "
                + "chromium, chromium-browser, google-chrome-stable, google-chrome); "
                + "install the Debian package 'chromium' or set AGENTD_CHROMIUM");
        assertThat(failure(Map.of())).isEqualTo(message);
    }
}
