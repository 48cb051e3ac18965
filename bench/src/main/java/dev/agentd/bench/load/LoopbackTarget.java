package dev.agentd.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The URL a bench tool connects to, {@code <scheme>://<loopback host>:<port>/<path>}, with its path
 * defaulting to {@code /}. Only loopback addresses are accepted: the load tools open thousands of
 * connections and must never be pointed at someone else's machine.
 */
public record LoopbackTarget(URI uri, InetSocketAddress address) {

    /** A {@code ws://} URL; see {@link #parse(String, String, String)}. */
    static LoopbackTarget parse(String url) {
        return parse(url, "ws", "/");
    }

    /** {@code url} with the given scheme; {@code examplePath} completes the examples in the errors. */
    public static LoopbackTarget parse(String url, String scheme, String examplePath) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "--url: " + url + " (expected: " + scheme + "://127.0.0.1:<port>" + examplePath + ")", e);
        }
        if (!scheme.equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException(
                    "--url: " + url + " (expected: " + scheme + "://<loopback host>:<port>" + examplePath + ")");
        }
        InetAddress host = resolve(uri.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--url: " + url + " (expected: a loopback host, got " + host + ")");
        }
        URI withPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri;
        return new LoopbackTarget(withPath, new InetSocketAddress(host, uri.getPort()));
    }

    /** The {@code Host} header value, {@code host:port} as written in the URL. */
    public String hostHeader() {
        return uri.getHost() + ":" + uri.getPort();
    }

    /** The raw path, {@code /} at least. */
    public String path() {
        return uri.getRawPath();
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url: unknown host " + host, e);
        }
    }
}
