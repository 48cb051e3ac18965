package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a daemon that misbehaves on purpose, written directly on a {@link ServerSocket}
 * (RFC 6455 by hand) so that every byte it sends is under the test's control. It records each
 * upgrade request's headers and each JSON-RPC message it receives, and answers through a
 * {@link Responder}.
 */
final class FakeWebSocketServer implements AutoCloseable {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    /** What the server does with one received message. */
    sealed interface Action permits Send, Ignore, Close {}

    record Send(JsonNode message) implements Action {}

    record Ignore() implements Action {}

    record Close(int code, String reason) implements Action {}

    @FunctionalInterface
    interface Responder {
        Action respond(JsonNode message);
    }

    private final ServerSocket serverSocket;
    private final Responder responder;
    private final int rejectStatus;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> upgradeRequests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger endedConnections = new AtomicInteger();

    private FakeWebSocketServer(Responder responder, int rejectStatus) throws IOException {
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.responder = responder;
        this.rejectStatus = rejectStatus;
        connections.execute(this::acceptLoop);
    }

    /** Completes every upgrade and answers messages through {@code responder}. */
    static FakeWebSocketServer upgrading(Responder responder) throws IOException {
        return new FakeWebSocketServer(responder, 0);
    }

    /** Answers every upgrade request with {@code status} instead of 101. */
    static FakeWebSocketServer rejectingUpgrade(int status) throws IOException {
        return new FakeWebSocketServer(message -> new Ignore(), status);
    }

    /** A responder that behaves like agentd: auth and handshake succeed, anything else echoes its method. */
    static Action agentdLike(JsonNode message) {
        String method = message.path("method").asText();
        return switch (method) {
            case "session.auth" -> result(message, Json.mapper().createObjectNode()
                    .put("ok", true).put("auth_enabled", true).put("client_id", "c-0123456789abcdef"));
            case "server.handshake" -> result(message, Json.mapper().createObjectNode()
                    .put("protocol_version", 2).put("server_version", "0.1.0").put("client_protocol_version", 2));
            default -> result(message, Json.mapper().createObjectNode().put("echo", method));
        };
    }

    static Send result(JsonNode request, JsonNode result) {
        ObjectNode reply = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", request.get("id"));
        reply.set("result", result);
        return new Send(reply);
    }

    static Send error(JsonNode request, int code, String message) {
        ObjectNode reply = Json.mapper().createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", request.get("id"));
        reply.putObject("error").put("code", code).put("message", message);
        return new Send(reply);
    }

    String url() {
        return "ws://127.0.0.1:" + serverSocket.getLocalPort() + "/";
    }

    /** Header names lower-cased, in arrival order per connection. */
    List<Map<String, List<String>>> upgradeRequests() {
        return List.copyOf(upgradeRequests);
    }

    List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    List<String> methods() {
        return messages.stream().map(message -> message.path("method").asText()).toList();
    }

    int endedConnections() {
        return endedConnections.get();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Map<String, List<String>> headers = readRequestHead(in);
            upgradeRequests.add(headers);
            if (rejectStatus != 0) {
                out.write(("HTTP/1.1 " + rejectStatus + " Nope\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            String key = headers.getOrDefault("sec-websocket-key", List.of("")).get(0);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            exchangeFrames(in, out);
        } catch (IOException e) {
            // the client went away; what it sent so far is recorded
        } finally {
            endedConnections.incrementAndGet();
        }
    }

    private void exchangeFrames(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            byte[] payload = readPayload(in);
            switch (opcode) {
                case OP_TEXT, OP_CONTINUATION -> {
                    text.write(payload);
                    if (fin) {
                        onMessage(text.toString(StandardCharsets.UTF_8), out);
                        text.reset();
                    }
                }
                case OP_PING -> writeFrame(out, OP_PONG, payload);
                case OP_CLOSE -> {
                    writeFrame(out, OP_CLOSE, payload);
                    return;
                }
                default -> { }
            }
        }
    }

    private void onMessage(String text, OutputStream out) throws IOException {
        JsonNode message = Json.mapper().readTree(text);
        messages.add(message);
        Action action = responder.respond(message);
        if (action instanceof Send send) {
            writeFrame(out, OP_TEXT, Json.mapper().writeValueAsBytes(send.message()));
        } else if (action instanceof Close close) {
            byte[] reason = close.reason().getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + reason.length];
            payload[0] = (byte) (close.code() >> 8);
            payload[1] = (byte) close.code();
            System.arraycopy(reason, 0, payload, 2, reason.length);
            writeFrame(out, OP_CLOSE, payload);
        }
    }

    private static byte[] readPayload(InputStream in) throws IOException {
        int second = readByte(in);
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        byte[] mask = masked ? in.readNBytes(4) : new byte[4];
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException();
        }
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return payload;
    }

    private static int readByte(InputStream in) throws IOException {
        int value = in.read();
        if (value < 0) {
            throw new EOFException();
        }
        return value;
    }

    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    private static Map<String, List<String>> readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int value = readByte(in);
            head.write(value);
            matched = value == end[matched] ? matched + 1 : (value == '\r' ? 1 : 0);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
