package dev.agentd.daemon.browser;

import static dev.agentd.daemon.browser.BrowserCalls.CLEANUP_BOUND;
import static dev.agentd.daemon.browser.BrowserCalls.run;
import static dev.agentd.daemon.browser.BrowserCalls.waitMs;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.testing.RequiresChromium;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Browser §9, handler deadline: the dispatcher answers -32004 and interrupts the run, which stops
 * at its next wait, releases the slot lock and keeps the browser for the next call.
 */
@RequiresChromium
class BrowserDeadlineE2ETest {
    /** Long enough for a launch on a loaded machine, short enough to keep the test quick. */
    private static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(4);

    @RegisterExtension
    static final DaemonExtension agentd = DaemonExtension.builder().handlerTimeout(HANDLER_TIMEOUT).build();

    @Test
    void runPastTheHandlerDeadlineKeepsTheBrowser() {
        RpcClient client = agentd.connect();

        RpcException expired = catchThrowableOfType(RpcException.class, () -> run(client, waitMs(60_000)));
        JsonNode next = run(client);

        assertThat(expired.code()).isEqualTo(-32004);
        assertThat(expired.getMessage()).startsWith("handler 'browser.run' exceeded its 4s response deadline");
        assertThatJson(next).node("ok").isEqualTo(true);
        assertThatJson(next).node("session.launched").isEqualTo(false);
        LiveBrowser browser = LiveBrowser.of(agentd.root(), next);

        client.close();

        browser.awaitGone(CLEANUP_BOUND);
    }
}
