package dev.agentd.protocol.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The daemon's WebSocket URL (cli §3.2), always of the form {@code ws[s]://HOST:PORT/}.
 *
 * @param uri        normalized, with the trailing {@code /}
 * @param daemonJson the file the URL came from, or null when it came from elsewhere; {@code status}
 *                   names it when nobody answers there
 */
public record DaemonUrl(URI uri, DaemonJson daemonJson) {
    public static final String URL_VARIABLE = "AGENTD_URL";
    public static final String DEFAULT = "ws://127.0.0.1:9100/";

    /**
     * First match wins: {@code --url}, {@code AGENTD_URL}, {@code ws_url} of
     * {@code <root>/run/daemon.json} when that file parses, the default.
     *
     * @param urlOption the {@code --url} value, or null when the option was not given
     */
    public static DaemonUrl resolve(String urlOption, Environment environment, StateRoot root) {
        if (urlOption != null) {
            return parse(urlOption);
        }
        Optional<String> fromEnvironment = environment.get(URL_VARIABLE);
        if (fromEnvironment.isPresent()) {
            return parse(fromEnvironment.get());
        }
        return DaemonJson.read(root.daemonJsonFile())
                .flatMap(published -> normalize(published.wsUrl()).map(uri -> new DaemonUrl(uri, published)))
                .orElseGet(() -> parse(DEFAULT));
    }

    /** Parses a user-supplied URL; anything but {@code ws[s]://HOST:PORT[/]} is a usage error. */
    public static DaemonUrl parse(String value) {
        return normalize(value)
                .map(uri -> new DaemonUrl(uri, null))
                .orElseThrow(() -> DiscoveryException.invalid(
                        "invalid daemon URL '" + value + "' (expected ws://HOST:PORT/)"));
    }

    private static Optional<URI> normalize(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean pathIsRoot = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null || uri.getPort() < 0
                || uri.getRawUserInfo() != null || !pathIsRoot
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority() + "/"));
    }

    public boolean fromDaemonJson() {
        return daemonJson != null;
    }

    /** The same authority over HTTP, for {@code /healthz}: {@code http://} ({@code https://} for {@code wss://}). */
    public String httpBase() {
        String scheme = uri.getScheme().equals("wss") ? "https" : "http";
        return scheme + "://" + uri.getRawAuthority();
    }

    /** Whether the daemon runs on this machine, so its pid can be watched. */
    public boolean isLoopback() {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
