package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.click;
import static dev.agentd.browser.testing.Steps.extract;
import static dev.agentd.browser.testing.Steps.idOf;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.observe;
import static dev.agentd.browser.testing.Steps.okResult;
import static dev.agentd.browser.testing.Steps.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import dev.agentd.protocol.Json;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dialogs, failing steps and {@code stop_on_error} (browser §5.5, §8.2; checks 23–25). */
@RequiresChromium
class DialogsAndFailuresTest {
    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    private final BrowserSlot slot = browser.sharedSlot();

    @Test
    void alertsAreAcceptedAndConfirmsDismissed() throws Exception {
        JsonNode page = okResult(run(slot, params(navigate(browser.url("/dialog.html")), observe())), 1);
        JsonNode trace = run(slot, params(click(idOf(page, "button", "Alert")), click(idOf(page, "button", "Confirm")),
                extract()));
        assertThat(trace.path("ok").asBoolean()).as(trace.toString()).isTrue();
        assertThat(okResult(trace, 0).path("dialogs").toString())
                .isEqualTo("[{\"type\":\"alert\",\"message\":\"hi\",\"accepted\":true}]");
        assertThat(okResult(trace, 1).path("dialogs").toString())
                .isEqualTo("[{\"type\":\"confirm\",\"message\":\"sure?\",\"accepted\":false}]");
        assertThat(okResult(trace, 2).path("text").asText()).contains("false");
        assertThat(okResult(trace, 2).has("dialogs")).isFalse();
    }

    @Test
    void refusedConnectionIsANavigationFailureAndTheBrowserStays() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        run(slot, params());
        JsonNode trace = run(slot, params(navigate("http://127.0.0.1:" + closedPort + "/")));
        JsonNode error = trace.path("steps").get(0).path("error");
        assertThat(error.path("kind").asText()).isEqualTo("navigation_failed");
        assertThat(error.path("message").asText()).contains("net::ERR_CONNECTION_REFUSED");

        JsonNode next = run(slot, params(navigate(browser.url("/page2.html"))));
        assertThat(next.path("ok").asBoolean()).isTrue();
        assertThat(next.path("session").path("launched").asBoolean()).isFalse();
    }

    @Test
    void withoutStopOnErrorEveryStepRuns() throws Exception {
        ObjectNode params = Json.mapper().createObjectNode();
        ObjectNode script = params.putObject("script").put("stop_on_error", false);
        script.putArray("steps").add(navigate(browser.url("/links.html"))).add(click("el_99")).add(observe());
        JsonNode trace = run(slot, params);
        assertThat(trace.path("ok").asBoolean()).isFalse();
        assertThat(trace.path("steps")).hasSize(3);
        assertThat(trace.path("failed_step").asInt()).isEqualTo(1);
        assertThat(trace.path("skipped").asInt()).isZero();
        assertThat(trace.path("steps").get(2).path("ok").asBoolean()).isTrue();
    }

    @Test
    void httpErrorsAreNotFailures() throws Exception {
        JsonNode trace = run(slot, params(navigate(browser.url("/missing.html"))));
        assertThat(trace.path("ok").asBoolean()).isTrue();
        assertThat(okResult(trace, 0).path("status").asInt()).isEqualTo(404);
    }
}
