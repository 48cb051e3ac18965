package dev.agentd.daemon.browser;

import static dev.agentd.daemon.browser.BrowserCalls.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.testing.RequiresChromium;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.protocol.client.RpcClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Check 35 and core §15 step 6: a graceful shutdown leaves no browser and no profile behind. */
@RequiresChromium
class BrowserShutdownE2ETest {
    /** Core §15 caps the whole sequence at 30 s; the browser phase at 5 s of it. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    final DaemonExtension agentd = DaemonExtension.builder().build();

    @Test
    void shutdownWithThreeBrowsersLeavesNothingBehind() throws Exception {
        List<CompletableFuture<JsonNode>> launches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RpcClient client = agentd.connect();
            launches.add(CompletableFuture.supplyAsync(() -> run(client)));
        }
        List<LiveBrowser> browsers = launches.stream().map(CompletableFuture::join)
                .map(trace -> LiveBrowser.of(agentd.root(), trace)).toList();
        assertThat(browsers).extracting(LiveBrowser::pid).doesNotHaveDuplicates();

        agentd.daemon().shutdown();

        assertThat(agentd.awaitExit(EXIT_BOUND)).isZero();
        browsers.forEach(LiveBrowser::assertGone);
        assertThat(BrowserCalls.browserRunDirEntries(agentd.root())).isEmpty();
    }
}
