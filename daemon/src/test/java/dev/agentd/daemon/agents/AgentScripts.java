package dev.agentd.daemon.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Child programs for supervisor tests: shell scripts run as {@code /bin/sh <script>}, written
 * under the build directory (never under /tmp, which is a scratch directory, agents §8).
 */
public final class AgentScripts {
    private final Path dir;

    private AgentScripts(Path dir) {
        this.dir = dir;
    }

    public static AgentScripts create() throws IOException {
        Path base = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "agent-scripts"));
        return new AgentScripts(Files.createTempDirectory(base, "t"));
    }

    public Path dir() {
        return dir;
    }

    /** Writes an executable script with {@code body} after a {@code #!/bin/sh} line. */
    public Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** Runs forever, printing one stdout and one stderr line first; dies on SIGTERM (exit 143). */
    public Path sleeper() throws IOException {
        return script("sleeper.sh", "echo started\necho warming >&2\nwhile true; do sleep 1; done");
    }

    /** Ignores SIGTERM, so only SIGKILL ends it. */
    public Path ignoresTerm() throws IOException {
        return script("ignore-term.sh", "trap '' TERM\necho ready\nwhile true; do sleep 1; done");
    }

    /** Exits at once with {@code code}. */
    public Path exits(int code) throws IOException {
        return script("exit-" + code + ".sh", "echo exiting " + code + "\nexit " + code);
    }

    /** Writes its environment to {@code file}, then runs until stopped. */
    public Path dumpsEnvironment(Path file) throws IOException {
        return script("env.sh", "env > '" + file + "'\nwhile true; do sleep 1; done");
    }

    /** Starts a grandchild that ignores SIGTERM and writes the grandchild's pid to {@code file}. */
    public Path spawnsGrandchild(Path file) throws IOException {
        Path grandchild = script("grandchild.sh", "trap '' TERM\nwhile true; do sleep 1; done");
        return script("parent.sh", "/bin/sh '" + grandchild + "' &\necho $! > '" + file + "'\nwait");
    }
}
