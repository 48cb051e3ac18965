package dev.agentd.browser.chromium;

import dev.agentd.browser.BrowserSettings;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.ChromiumLauncher;
import dev.agentd.protocol.Json;
import java.nio.file.Path;

/**
 * A stand-in daemon for check 36, run as a child JVM: it launches a browser on the given state
 * root, prints {@code chromium <pid>} and waits to be killed.
 */
public final class OrphanMaker {
    private OrphanMaker() {}

    public static void main(String[] args) throws Exception {
        BrowserSlot slot = new BrowserSlot(new ChromiumLauncher(BrowserSettings.defaults(Path.of(args[0]))));
        slot.run(Json.mapper().readTree("{\"script\":[]}"));
        System.out.println("chromium " + slot.pid().orElseThrow());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
