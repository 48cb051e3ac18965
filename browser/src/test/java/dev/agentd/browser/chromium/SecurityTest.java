package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.BrowserSettings;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.ChromiumLauncher;
import dev.agentd.browser.cdp.CdpConnector;
import dev.agentd.browser.cdp.WebSocketCdpTransport;
import dev.agentd.browser.launch.BrowserRunDirectory;
import dev.agentd.browser.testing.RecordingProxy;
import dev.agentd.browser.testing.RequiresChromium;
import dev.agentd.browser.testing.TestWebServer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No secrets reach Chromium and the DevTools handshake carries no Origin (browser §4.3, §5.1; check 38). */
@RequiresChromium
class SecurityTest {
    @TempDir
    Path root;

    @Test
    void chromiumEnvironmentHasNoAgentdVariablesAndTheHandshakeNoOrigin() throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("AGENTD_TOKEN", "secret-daemon-token");
        environment.put("AGENTD_HOST_TOKEN", "secret-host-token");
        RecordingProxy proxy = new RecordingProxy();
        CdpConnector direct = WebSocketCdpTransport.connector(HttpClient.newHttpClient(), Duration.ofSeconds(10),
                WebSocketCdpTransport.DEFAULT_MAX_MESSAGE_CHARS);
        CdpConnector throughProxy = (endpoint, receiver) -> direct.connect(proxy.forward(endpoint), receiver);
        BrowserSlot slot = new BrowserSlot(new ChromiumLauncher(
                BrowserSettings.defaults(root).withEnvironment(environment), throughProxy));
        try (TestWebServer web = TestWebServer.start(); proxy) {
            JsonNode trace = run(slot, params(navigate(web.url("/form.html"))));
            assertThat(trace.path("ok").asBoolean()).as(trace.toString()).isTrue();

            long pid = slot.pid().orElseThrow();
            String environ = Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8);
            List<String> variables = List.of(environ.split("\0"));
            assertThat(variables).noneMatch(variable -> variable.startsWith("AGENTD_"));
            assertThat(environ).doesNotContain("secret-daemon-token", "secret-host-token");
            assertThat(variables).contains("PATH=" + System.getenv("PATH"));

            String handshake = proxy.firstRequestHead();
            assertThat(handshake).startsWith("GET /devtools/browser/");
            assertThat(handshake.toLowerCase()).contains("upgrade: websocket").doesNotContain("\norigin:");
        } finally {
            slot.closeNow();
            BrowserRunDirectory.deleteRecursively(root.resolve("run"));
        }
    }
}
