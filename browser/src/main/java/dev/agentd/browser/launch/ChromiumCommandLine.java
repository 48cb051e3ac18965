package dev.agentd.browser.launch;

import dev.agentd.browser.LaunchOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Composes the Chromium command line in the order of browser §4.2. */
public final class ChromiumCommandLine {
    /** Flags agentd sets itself; {@code extra_args} may not name them (browser §2.1). */
    public static final List<String> MANAGED_FLAGS = List.of("--user-data-dir", "--remote-debugging-port",
            "--remote-debugging-pipe", "--remote-debugging-address", "--remote-allow-origins", "--headless");

    private static final List<String> FIXED_FLAGS = List.of(
            "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--disable-smooth-scrolling",
            "--disable-dev-shm-usage", "--metrics-recording-only", "--mute-audio", "--password-store=basic");

    private ChromiumCommandLine() {}

    /**
     * The full command. {@code --no-sandbox} only for uid 0, because Chromium refuses to run as
     * root with its sandbox and the sandbox must stay on for everyone else. No
     * {@code --remote-allow-origins}: our client sends no Origin, and without the flag no web page
     * can open the DevTools socket.
     */
    public static List<String> of(Path binary, Path profile, LaunchOptions options, int effectiveUid) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        if (!options.headed()) {
            command.add("--headless=new");
        }
        command.add("--remote-debugging-port=0");
        command.add("--user-data-dir=" + profile);
        command.addAll(FIXED_FLAGS);
        command.add("--window-size=" + options.width() + "," + options.height());
        if (effectiveUid == 0) {
            command.add("--no-sandbox");
        }
        command.addAll(options.extraArgs());
        command.add("about:blank");
        return List.copyOf(command);
    }

    /** The managed flag {@code arg} names, if any: {@code --headless=old} names {@code --headless}. */
    public static Optional<String> managedFlagNamedBy(String arg) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        return MANAGED_FLAGS.stream().filter(name::equals).findFirst();
    }
}
