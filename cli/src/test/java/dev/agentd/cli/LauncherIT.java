package dev.agentd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code agentd} launcher script (cli spec "Launcher"), run from a copy of the repository
 * layout whose {@code mvnw} and, where noted, {@code java} are recording fakes, so that no test
 * triggers a real build.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("agentd.launcher", "../agentd"));
    private static final Instant OLD = Instant.now().minus(Duration.ofHours(2));
    private static final Instant BUILT = Instant.now().minus(Duration.ofHours(1));

    @TempDir
    Path temp;

    private Path repo;
    private Path jar;
    private Path fakeBin;
    private Path elsewhere;

    @BeforeEach
    void layOutRepository() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        Files.copy(LAUNCHER, repo.resolve("agentd"));
        executable(repo.resolve("agentd"));
        write(repo.resolve("pom.xml"), "<project/>");
        write(repo.resolve("cli/pom.xml"), "<project/>");
        write(repo.resolve("cli/src/main/java/Example.java"), "class Example {}");
        write(repo.resolve("cli/target/classes/Example.class"), "compiled");
        write(repo.resolve("mvnw"), """
                #!/bin/sh
                echo "fake build output"
                echo "$PWD|$*" >> "$(dirname "$0")/mvnw.log"
                if [ -n "$FAKE_BUILD_STATUS" ]; then exit "$FAKE_BUILD_STATUS"; fi
                mkdir -p cli/target && cp "$FAKE_JAR" cli/target/agentd.jar
                """);
        executable(repo.resolve("mvnw"));
        jar = repo.resolve("cli/target/agentd.jar");
        Files.copy(TestJvm.JAR, jar, StandardCopyOption.REPLACE_EXISTING);
        fakeBin = Files.createDirectories(temp.resolve("bin"));
        write(fakeBin.resolve("java"), """
                #!/bin/sh
                echo "$$|$PWD|$*" > "$FAKE_JAVA_LOG"
                echo "fake java"
                """);
        executable(fakeBin.resolve("java"));
        elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        try (var files = Files.walk(repo)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(OLD));
            }
        }
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
        // Build output under target/ is newer than the jar but is not a source.
        Files.setLastModifiedTime(repo.resolve("cli/target/classes/Example.class"), FileTime.from(Instant.now()));
    }

    /** An up-to-date jar runs at once: exec'd (same pid), from the caller's directory, arguments intact. */
    @Test
    void freshJarIsExecutedWithoutBuilding() throws Exception {
        Run run = launch(Map.of(), true, "call", "test.block", "{\"a\": \"b c\"}");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("fake java\n");
        assertThat(repo.resolve("mvnw.log")).doesNotExist();
        assertThat(javaInvocation()).isEqualTo(run.pid() + "|" + elsewhere.toRealPath() + "|-jar "
                + jar.toRealPath() + " call test.block {\"a\": \"b c\"}");
    }

    /** A source or pom newer than the jar → {@code ./mvnw -q -DskipTests package} in the repo, output on stderr. */
    @ParameterizedTest
    @ValueSource(strings = {"pom.xml", "cli/pom.xml", "cli/src/main/java/Example.java"})
    void newerSourceTriggersBuildFirst(String changed) throws Exception {
        Files.setLastModifiedTime(repo.resolve(changed), FileTime.from(Instant.now()));

        Run run = launch(Map.of(), true, "status");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readString(repo.resolve("mvnw.log"))).isEqualTo(repo.toRealPath() + "|-q -DskipTests package\n");
        assertThat(run.stdout()).isEqualTo("fake java\n");
        assertThat(run.stderr()).contains("fake build output");
        assertThat(javaInvocation()).endsWith("|-jar " + jar.toRealPath() + " status");
    }

    /** A missing jar is built; a failed build ends the launcher with the build's status. */
    @Test
    void failedBuildExitsWithBuildStatus() throws Exception {
        Files.delete(jar);

        Run run = launch(Map.of("FAKE_BUILD_STATUS", "7"), true, "status");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.stdout()).isEmpty();
        assertThat(repo.resolve("mvnw.log")).exists();
        assertThat(temp.resolve("java.log")).doesNotExist();
    }

    /** With the real JVM the launcher runs the real jar. */
    @Test
    void realJavaRunsTheJar() throws Exception {
        Run run = launch(Map.of(), false, "--version");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("agentd 0.1.0\n");
        assertThat(repo.resolve("mvnw.log")).doesNotExist();
    }

    private Run launch(Map<String, String> extraEnvironment, boolean fakeJava, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(repo.resolve("agentd").toString()));
        command.addAll(List.of(args));
        Path stdout = temp.resolve("launcher.stdout");
        Path stderr = temp.resolve("launcher.stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(elsewhere.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = new HashMap<>(TestJvm.environment(extraEnvironment));
        String path = fakeJava ? fakeBin + ":" + System.getenv("PATH") : TestJvm.JAVA.getParent() + ":" + System.getenv("PATH");
        environment.put("PATH", path);
        environment.put("FAKE_JAR", TestJvm.JAR.toString());
        environment.put("FAKE_JAVA_LOG", temp.resolve("java.log").toString());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher did not finish");
        }
        return new Run(process.pid(), process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private String javaInvocation() throws IOException {
        return Files.readString(temp.resolve("java.log")).strip();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(long pid, int exitCode, String stdout, String stderr) {}
}
