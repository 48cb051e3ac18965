package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentd.daemon.Daemon;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.DaemonStartException;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a started daemon leaves under its root (core §11–§14), and the single-instance lock seen
 * from a second daemon in the same JVM. Covers core §19 check 5 and the in-process parts of
 * checks 1, 2 and 4.
 */
class StateRootE2ETest {
    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().build();

    private static final List<String> PUBLISHED_FILES =
            List.of("auth-token", "host-token", "run/daemon.json", "run/daemon.lock");

    @Test
    void tokensAreTwoDifferent43CharacterBase64UrlFilesReadableOnlyByTheOwner() throws IOException {
        Path root = agentd.root();

        assertThat(Files.readString(root.resolve("auth-token"))).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(root.resolve("host-token"))).matches("[A-Za-z0-9_-]{43}");
        assertThat(agentd.authToken()).isNotEqualTo(agentd.hostToken());
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(root.resolve("run"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("auth-token"))).isEqualTo("rw-------");
        assertThat(mode(root.resolve("host-token"))).isEqualTo("rw-------");
    }

    @Test
    void daemonJsonDescribesTheListenerAndTheLockHoldsThePid() throws IOException {
        Path run = agentd.root().resolve("run");
        int port = agentd.daemon().port();

        assertThatJson(Files.readString(run.resolve("daemon.json"))).isEqualTo("""
                {"pid":%1$d,"port":%2$d,"ws_url":"ws://127.0.0.1:%2$d/","mcp_url":"http://127.0.0.1:%2$d/mcp",
                 "version":"0.1.0","started_at":"${json-unit.regex}^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$",
                 "protocol_version":2,"auth_enabled":true}""".formatted(agentd.daemon().pid(), port));
        assertThat(agentd.daemon().wsUrl()).isEqualTo("ws://127.0.0.1:" + port + "/");
        assertThat(mode(run.resolve("daemon.json"))).isEqualTo("rw-------");
        assertThat(Files.readString(run.resolve("daemon.lock"))).isEqualTo(agentd.daemon().pid() + "\n");
    }

    /** Check 5, with the "modifies nothing, first still answers" parts of check 4. */
    @Test
    void secondDaemonOnTheSameRootFailsWithAlreadyRunningAndTouchesNothing() throws Exception {
        Map<String, String> before = snapshot(agentd.root());

        DaemonStartException failure = catchThrowableOfType(DaemonStartException.class,
                () -> Daemon.start(agentd.config()).close());

        assertThat(failure).as("the second Daemon.start must fail").isNotNull();
        assertThat(failure.exitCode()).isEqualTo(3);
        assertThat(failure.getMessage())
                .contains("already running")
                .contains("(pid " + agentd.daemon().pid() + ")")
                .contains(agentd.root().toString())
                .contains(agentd.daemon().wsUrl());
        assertThat(snapshot(agentd.root())).isEqualTo(before);
        assertThat(agentd.connect().call("server.handshake",
                Json.mapper().createObjectNode().put("protocol_version", 2), DaemonExtension.TIMEOUT)
                .get("protocol_version").asInt()).isEqualTo(2);
    }

    private static Map<String, String> snapshot(Path root) {
        return PUBLISHED_FILES.stream().collect(Collectors.toMap(Function.identity(), name -> read(root.resolve(name))));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
