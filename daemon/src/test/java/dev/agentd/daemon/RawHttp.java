package dev.agentd.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain {@link Socket}: the request head is sent exactly as written, so tests can
 * send what {@link java.net.http.HttpClient} refuses to (two {@code Origin} headers,
 * {@code Origin: null}, an upgrade without a WebSocket client behind it).
 */
public final class RawHttp {
    public static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private RawHttp() {}

    /**
     * A response. Header names are lowercased; {@code body} is empty for {@code HEAD} only if the
     * server sent nothing after the head before closing.
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /** The first value of the header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code method path} with {@code Connection: close} and reads the whole response. */
    public static Response send(URI base, String method, String path, String... headerLines) {
        try (Socket socket = connect(base)) {
            List<String> lines = new ArrayList<>(List.of(headerLines));
            lines.add("Connection: close");
            if (method.equals("POST")) {
                lines.add("Content-Length: 0");
            }
            writeHead(socket.getOutputStream(), base, method, path, lines);
            InputStream in = socket.getInputStream();
            if (method.equals("HEAD")) {
                Head head = readHead(in);
                return new Response(head.status(), head.headers(), in.readAllBytes());
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    public static Response get(URI base, String path, String... headerLines) {
        return send(base, "GET", path, headerLines);
    }

    /**
     * Sends a WebSocket upgrade request for {@code path} with the extra header lines and returns
     * the response head (no body is read for 101; the socket is closed afterwards).
     */
    public static Response upgrade(URI base, String path, String... extraHeaderLines) {
        return upgradeWithKey(base, path, newWebSocketKey(), extraHeaderLines);
    }

    /** {@link #upgrade} with a chosen {@code Sec-WebSocket-Key}, to check the accept value. */
    public static Response upgradeWithKey(URI base, String path, String key, String... extraHeaderLines) {
        try (Socket socket = connect(base)) {
            List<String> lines = new ArrayList<>(upgradeHeaderLines(key));
            lines.addAll(List.of(extraHeaderLines));
            writeHead(socket.getOutputStream(), base, "GET", path, lines);
            InputStream in = socket.getInputStream();
            Head head = readHead(in);
            byte[] body = head.status() == 101 ? new byte[0] : readBody(in, head);
            return new Response(head.status(), head.headers(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("upgrade of " + path + " failed", e);
        }
    }

    /** The request header lines of a WebSocket upgrade (RFC 6455 §4.1) with the given key. */
    public static List<String> upgradeHeaderLines(String key) {
        return List.of("Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + key,
                "Sec-WebSocket-Version: 13");
    }

    public static String newWebSocketKey() {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The {@code Sec-WebSocket-Accept} value a server must answer to {@code key}. */
    public static String expectedAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Socket connect(URI base) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), SOCKET_TIMEOUT_MILLIS);
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        return socket;
    }

    static void writeHead(OutputStream out, URI base, String method, String path, List<String> lines)
            throws IOException {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        lines.forEach(line -> head.append(line).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    record Head(int status, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    /** Reads one whole response: the head, then a body by Content-Length, chunks, or up to the close. */
    public static Response read(InputStream in) throws IOException {
        Head head = readHead(in);
        return new Response(head.status(), head.headers(), readBody(in, head));
    }

    /** Reads the status line and headers, byte by byte so nothing after the head is consumed. */
    static Head readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, ignored -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return new Head(Integer.parseInt(parts[1]), headers);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed inside the response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readBody(InputStream in, Head head) throws IOException {
        String contentLength = head.header("content-length");
        if (contentLength != null) {
            return in.readNBytes(Integer.parseInt(contentLength));
        }
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            return readChunked(in);
        }
        return in.readAllBytes();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(readLine(in)); size > 0; size = chunkSize(readLine(in))) {
            body.write(in.readNBytes(size));
            readLine(in);
        }
        return body.toByteArray();
    }

    private static int chunkSize(String line) {
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }
}
