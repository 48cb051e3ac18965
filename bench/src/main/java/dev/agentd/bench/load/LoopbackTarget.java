package dev.agentd.bench.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The WebSocket URL a bench tool connects to. Only loopback addresses are accepted: the load tools
 * open thousands of connections and must never be pointed at someone else's machine.
 */
record LoopbackTarget(URI uri, InetSocketAddress address) {

    static LoopbackTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url: " + url + " (expected: ws://127.0.0.1:<port>/)", e);
        }
        if (!"ws".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("--url: " + url + " (expected: ws://<loopback host>:<port>/)");
        }
        InetAddress host = resolve(uri.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--url: " + url + " (expected: a loopback host, got " + host + ")");
        }
        URI withPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri;
        return new LoopbackTarget(withPath, new InetSocketAddress(host, uri.getPort()));
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url: unknown host " + host, e);
        }
    }
}
