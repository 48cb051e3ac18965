package dev.agentd.daemon.e2e;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.daemon.Daemon;
import dev.agentd.daemon.DaemonConfig;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.RawHttp;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --no-auth} (core §6.5), one daemon per test since one of them shuts it down.
 * Covers core §19 check 20 without {@code agents.list} and {@code runs.list}, which belong to
 * their own features.
 */
class NoAuthE2ETest {
    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().noAuth().build();

    private static final Duration TIMEOUT = DaemonExtension.TIMEOUT;
    private static final String CLIENT_ID = "${json-unit.regex}^c-[0-9a-f]{16}$";

    @Test
    void noTokenFileIsWrittenAndAuthIsReportedOff() throws Exception {
        assertThat(agentd.root().resolve("auth-token")).doesNotExist();
        assertThat(agentd.root().resolve("host-token")).doesNotExist();
        assertThatJson(Files.readString(agentd.root().resolve("run/daemon.json"))).node("auth_enabled").isEqualTo(false);
        assertThatJson(RawHttp.get(agentd.httpBase(), "/healthz").bodyText()).node("auth_enabled").isEqualTo(false);
    }

    @Test
    void staleTokenFilesAreDeletedAtStart(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(root.resolve("auth-token"), "stale-daemon-token");
        Files.writeString(root.resolve("host-token"), "stale-host-token");

        try (Daemon daemon = Daemon.start(DaemonConfig.defaults(root).withAuth(false).withPort(0))) {
            assertThat(root.resolve("auth-token")).doesNotExist();
            assertThat(root.resolve("host-token")).doesNotExist();
            assertThat(RawHttp.get(URI.create(daemon.httpBase()), "/healthz").status()).isEqualTo(200);
        }
    }

    /** Check 20: agents.list needs no session.auth; runs.list of any agent is open (host role). */
    @Test
    void agentsAndRunsReadsNeedNoCredential() {
        RpcClient client = agentd.open();
        assertThat(client.call("agents.list", null, DaemonExtension.TIMEOUT).isArray()).isTrue();
        client.call("runs.start", java.util.Map.of("intent", "x", "agent_id", "anyone"), DaemonExtension.TIMEOUT);
        assertThat(agentd.open().call("runs.list", java.util.Map.of("agent_id", "anyone"), DaemonExtension.TIMEOUT)
                .get("runs").size()).isEqualTo(1);
    }

    @Test
    void connectionNeedsNoSessionAuth() {
        RpcClient client = agentd.open();

        JsonNode result = client.call("server.handshake", Json.mapper().createObjectNode().put("protocol_version", 2), TIMEOUT);

        assertThat(result.get("protocol_version").asInt()).isEqualTo(2);
    }

    @Test
    void sessionAuthAcceptsAnyTokenAndReportsAuthOff() {
        RpcClient client = agentd.open();

        JsonNode daemonForm = client.call("session.auth", credential("token", "anything"), TIMEOUT);
        JsonNode hostForm = client.call("session.auth", credential("host_token", "whatever"), TIMEOUT);

        assertThatJson(daemonForm).isEqualTo("""
                {"ok":true,"auth_enabled":false,"client_id":"%s"}""".formatted(CLIENT_ID));
        assertThatJson(hostForm).isEqualTo("""
                {"ok":true,"auth_enabled":false,"client_id":"%s","role":"host"}""".formatted(CLIENT_ID));
    }

    @Test
    void shutdownSucceedsWithoutSessionAuth() throws Exception {
        RpcClient client = agentd.open();

        JsonNode result = client.call("server.shutdown", null, TIMEOUT);

        assertThatJson(result).isEqualTo("{\"ok\":true,\"pid\":%d}".formatted(agentd.daemon().pid()));
        assertThat(agentd.awaitExit(Duration.ofSeconds(15))).isZero();
    }

    /** Re-auth never removes the host role in this mode. */
    @Test
    void shutdownSucceedsAfterReAuthWithAnyDaemonToken() throws Exception {
        RpcClient client = agentd.open();
        client.call("session.auth", credential("token", "anything"), TIMEOUT);

        JsonNode result = client.call("server.shutdown", null, TIMEOUT);

        assertThatJson(result).node("ok").isEqualTo(true);
        assertThat(agentd.awaitExit(Duration.ofSeconds(15))).isZero();
    }

    private static JsonNode credential(String field, String value) {
        return Json.mapper().createObjectNode().put(field, value);
    }

}
