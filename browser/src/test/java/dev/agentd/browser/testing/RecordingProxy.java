package dev.agentd.browser.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of one target that records the head of the first request sent
 * through it, to check what the CDP client puts on the wire (check 38).
 */
public final class RecordingProxy implements AutoCloseable {
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream firstRequest = new ByteArrayOutputStream();
    private ServerSocket server;

    /** Starts forwarding to {@code target}'s host and port; returns the same URI via the proxy. */
    public synchronized URI forward(URI target) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> acceptOne(target), "recording-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + target.getRawPath());
    }

    /** The request line and headers of the first request, once they have passed through. */
    public String firstRequestHead() {
        synchronized (firstRequest) {
            String text = firstRequest.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end + 2);
        }
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void acceptOne(URI target) {
        try {
            Socket client = server.accept();
            Socket upstream = new Socket(target.getHost(), target.getPort());
            sockets.add(client);
            sockets.add(upstream);
            pump(client.getInputStream(), upstream.getOutputStream(), true);
            pump(upstream.getInputStream(), client.getOutputStream(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump(InputStream in, OutputStream out, boolean record) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (record) {
                        synchronized (firstRequest) {
                            if (firstRequest.size() < 16384) {
                                firstRequest.write(buffer, 0, read);
                            }
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            }
        }, "recording-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
