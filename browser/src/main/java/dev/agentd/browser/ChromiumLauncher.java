package dev.agentd.browser;

import dev.agentd.browser.cdp.CdpClient;
import dev.agentd.browser.cdp.CdpConnector;
import dev.agentd.browser.cdp.WebSocketCdpTransport;
import dev.agentd.browser.launch.BrowserRecord;
import dev.agentd.browser.launch.BrowserRunDirectory;
import dev.agentd.browser.launch.ChromiumCommandLine;
import dev.agentd.browser.launch.ChromiumProcess;
import dev.agentd.browser.launch.ChromiumResolver;
import dev.agentd.browser.launch.CloseSequence;
import dev.agentd.browser.launch.LiveBrowsers;
import dev.agentd.browser.page.ElementMaps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches Chromium (browser §4): discovery, a fresh 0700 profile, the command line, the process,
 * the registry record, the DevTools endpoint, the CDP connection and its set-up sequence. Every
 * failure runs the close sequence before {@link BrowserLaunchException} is thrown, so a failed
 * launch leaves no process and nothing on disk. One launcher serves the whole daemon.
 */
public final class ChromiumLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ChromiumLauncher.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final BrowserSettings settings;
    private final CdpConnector connector;
    private final BrowserRunDirectory runDirectory;

    /** The real launcher: CDP over the JDK WebSocket client. */
    public ChromiumLauncher(BrowserSettings settings) {
        this(settings, WebSocketCdpTransport.connector(HttpClient.newHttpClient(), CONNECT_TIMEOUT,
                WebSocketCdpTransport.DEFAULT_MAX_MESSAGE_CHARS));
    }

    /** A launcher with another CDP transport (tests script one). */
    public ChromiumLauncher(BrowserSettings settings, CdpConnector connector) {
        this.settings = settings;
        this.connector = connector;
        this.runDirectory = new BrowserRunDirectory(settings.browserRunDir());
    }

    public BrowserSettings settings() {
        return settings;
    }

    /** Launches a browser whose observations go into {@code maps}. */
    public BrowserSession launch(LaunchOptions options, ElementMaps maps) throws InterruptedException {
        Path binary = new ChromiumResolver(settings.environment()).resolve();
        requireDisplayIfHeaded(options, settings.environment());
        Path profile = createProfile();
        ChromiumProcess process = null;
        Path record = null;
        CdpClient cdp = null;
        LiveBrowsers.Registration registration = null;
        try {
            process = ChromiumProcess.spawn(ChromiumCommandLine.of(binary, profile, options, settings.effectiveUid()),
                    settings.environment());
            registration = LiveBrowsers.register(process.handle(), profile, null);
            record = writeRecord(process.pid(), profile);
            registration.record(record);
            URI endpoint = process.awaitEndpoint(settings.launchTimeout());
            cdp = connect(endpoint);
            return BrowserSession.open(process, cdp, profile, record, registration, options, maps, settings.closeTimeout());
        } catch (InterruptedException | RuntimeException e) {
            if (process != null) {
                LOG.debug("chromium launch failed ({}); last stderr lines: {}", e.getMessage(), process.lastStderrLines());
            }
            CloseSequence.run(process == null ? null : process.handle(), List.of(), cdp, profile, record,
                    settings.closeTimeout());
            if (registration != null) {
                registration.close();
            }
            throw e;
        }
    }

    /** Headed mode never silently falls back to headless (browser §4.2). */
    private static void requireDisplayIfHeaded(LaunchOptions options, Map<String, String> environment) {
        boolean hasDisplay = !environment.getOrDefault("DISPLAY", "").isEmpty()
                || !environment.getOrDefault("WAYLAND_DISPLAY", "").isEmpty();
        if (options.headed() && !hasDisplay) {
            throw new BrowserLaunchException("headed browser needs a display (DISPLAY and WAYLAND_DISPLAY are unset)");
        }
    }

    private Path createProfile() {
        try {
            return runDirectory.createProfile();
        } catch (IOException e) {
            throw new BrowserLaunchException("cannot create the profile directory: " + e.getMessage());
        }
    }

    private Path writeRecord(long pid, Path profile) {
        try {
            return runDirectory.writeRecord(new BrowserRecord(pid, profile.toString(), Instant.now().toString(),
                    settings.daemonPid()));
        } catch (IOException e) {
            throw new BrowserLaunchException("cannot write the browser record: " + e.getMessage());
        }
    }

    private CdpClient connect(URI endpoint) throws InterruptedException {
        try {
            return CdpClient.connect(connector, endpoint, settings.commandTimeout());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new BrowserLaunchException("DevTools set-up failed: connect: " + e.getMessage());
        }
    }
}
