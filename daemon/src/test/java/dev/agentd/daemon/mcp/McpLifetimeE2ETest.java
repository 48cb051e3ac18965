package dev.agentd.daemon.mcp;

import static dev.agentd.daemon.mcp.McpFixtures.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.memory.MemoryConnections;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How long sessions live (mcp §7.4, §8.6, §10): keep-alives, the inactivity TTL held off by an open
 * GET, the absolute TTL and DELETE. Acceptance checks 24–26 of mcp §16. Sleeps here let a TTL pass,
 * which is what these checks are about; everything else waits on an event.
 */
class McpLifetimeE2ETest {
    /** Keep-alive 1 s, inactivity TTL 3 s. */
    @RegisterExtension
    static final DaemonExtension idle = DaemonExtension.builder()
            .configure(config -> config.withMcp(McpSettings.DEFAULTS
                    .withKeepAlive(Duration.ofSeconds(1)).withIdleTtl(Duration.ofSeconds(3))))
            .build();

    /** Absolute TTL 3 s, keep-alive 500 ms. */
    @RegisterExtension
    static final DaemonExtension aging = DaemonExtension.builder()
            .configure(config -> config.withMcp(McpSettings.DEFAULTS
                    .withKeepAlive(Duration.ofMillis(500)).withMaxAge(Duration.ofSeconds(3))))
            .build();

    private static McpHttp client(DaemonExtension daemon) {
        return McpHttp.at(daemon.httpBase()).withToken(daemon.authToken());
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static void assertGone(McpHttp mcp, String session) {
        assertThat(mcp.call(session, "tools/list", null).status()).isEqualTo(404);
        try (McpHttp.Stream get = mcp.get(session, null)) {
            assertThat(get.status()).isEqualTo(404);
        }
        assertThat(mcp.delete(session).status()).isEqualTo(404);
    }

    /** Check 24: keep-alive comments on an otherwise quiet stream. */
    @Test
    void aQuietStreamCarriesKeepAliveComments() {
        McpHttp mcp = client(idle).withNamespace(MemoryConnections.uniqueNamespace("quiet"));
        String session = mcp.initialize(McpHttp.LATEST).id();

        try (McpHttp.Stream get = mcp.get(session, null)) {
            SseReader events = get.events();
            await("two keep-alives").atMost(Duration.ofSeconds(10))
                    .until(() -> events.receivedComments().size() >= 2);

            assertThat(events.receivedComments()).allSatisfy(comment -> assertThat(comment.text()).isEqualTo("keepalive"));
            assertThat(events.receivedEvents()).as("only the primer carries an id")
                    .allSatisfy(event -> assertThat(event.isPrimer()).isTrue());
        }
    }

    /** Check 24: an open GET keeps its session alive past the inactivity TTL. */
    @Test
    void anOpenGetKeepsTheSessionAlivePastTheIdleTtl() throws InterruptedException {
        McpHttp mcp = client(idle).withNamespace(MemoryConnections.uniqueNamespace("held"));
        String session = mcp.initialize(McpHttp.LATEST).id();

        try (McpHttp.Stream get = mcp.get(session, null)) {
            get.events();
            sleep(Duration.ofSeconds(6));

            assertThat(get.events().ended()).as("the stream is still open").isFalse();
            assertThat(mcp.call(session, "ping", null).status()).isEqualTo(200);
        }
    }

    /** Check 24: without a GET, the session expires after the inactivity TTL. */
    @Test
    void withoutAGetTheSessionExpiresAfterTheIdleTtl() throws InterruptedException {
        McpHttp mcp = client(idle);
        String session = mcp.initialize(McpHttp.LATEST).id();
        assertThat(mcp.call(session, "ping", null).status()).isEqualTo(200);

        sleep(Duration.ofSeconds(4));

        assertGone(mcp, session);
    }

    @Test
    void requestsTouchTheSession() throws InterruptedException {
        McpHttp mcp = client(idle);
        String session = mcp.initialize(McpHttp.LATEST).id();

        for (int i = 0; i < 3; i++) {
            sleep(Duration.ofSeconds(2));
            assertThat(mcp.call(session, "ping", null).status()).as("ping %d, 2 s after the last", i).isEqualTo(200);
        }
    }

    /** Check 25: the absolute TTL ends even a session whose GET keeps it active. */
    @Test
    void theAbsoluteTtlEndsAnOpenGet() {
        McpHttp mcp = client(aging);
        String session = mcp.initialize(McpHttp.LATEST).id();

        try (McpHttp.Stream get = mcp.get(session, null)) {
            assertThat(get.status()).isEqualTo(200);
            SseReader.End end = get.events().awaitEnd(Duration.ofSeconds(15));

            assertThat(end.clean()).as("ended with the terminating chunk: %s", end).isTrue();
            assertThat(get.events().receivedComments()).as("keep-alives were flowing").isNotEmpty();
        }
        assertGone(mcp, session);
    }

    /** Check 26. */
    @Test
    void deleteEndsTheSessionAndItsStream() {
        McpHttp mcp = client(idle);
        String session = mcp.initialize(McpHttp.LATEST).id();

        try (McpHttp.Stream get = mcp.get(session, null)) {
            assertThat(get.events().nextEvent(TIMEOUT).isPrimer()).isTrue();

            McpHttp.Reply deleted = mcp.delete(session);

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            SseReader.End end = get.events().awaitEnd(TIMEOUT);
            assertThat(end.clean()).as("ended with the terminating chunk: %s", end).isTrue();
        }
        assertGone(mcp, session);
    }
}
