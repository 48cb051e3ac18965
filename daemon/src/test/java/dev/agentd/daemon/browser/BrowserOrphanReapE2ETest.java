package dev.agentd.daemon.browser;

import static dev.agentd.daemon.browser.BrowserCalls.CALL_TIMEOUT;
import static dev.agentd.daemon.browser.BrowserCalls.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentd.browser.testing.RequiresChromium;
import dev.agentd.daemon.Daemon;
import dev.agentd.daemon.DaemonConfig;
import dev.agentd.daemon.DaemonExtension;
import dev.agentd.daemon.DaemonProcess;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.client.RpcClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check 36 and core §13 step 4: the browser of a daemon killed with {@code kill -9} survives it,
 * and the next daemon on the same root kills it and deletes its profile and record before it
 * listens (that is, before {@link Daemon#start} returns; the ready line comes after).
 */
@RequiresChromium
class BrowserOrphanReapE2ETest {
    @TempDir
    Path temp;

    @Test
    void nextDaemonReapsTheBrowsersOfAKilledOne() throws Exception {
        Path root = temp.resolve("home");
        LiveBrowser orphan;
        try (DaemonProcess crashed = DaemonProcess.start(root)) {
            try (RpcClient client = RpcClient.open(crashed.wsUri(), CALL_TIMEOUT)) {
                client.call("session.auth", Json.mapper().createObjectNode().put("token", crashed.authToken()), CALL_TIMEOUT);
                orphan = LiveBrowser.of(root, run(client));
                crashed.kill();
            }
        }
        try {
            assertThat(orphan.running()).as("Chromium survives its daemon's kill -9").isTrue();

            try (Daemon next = DaemonExtension.startWithTestHooks(DaemonConfig.defaults(root).withPort(0), true)) {
                orphan.assertGone();
                assertThat(BrowserCalls.browserRunDirEntries(root)).isEmpty();
            }
        } finally {
            orphan.tree().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
