package dev.agentd.daemon;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * A WebSocket client that writes frames byte by byte (RFC 6455 §5.2), for what no WebSocket
 * library sends on purpose: invalid UTF-8 in a text frame, a frame longer than the daemon allows.
 * Client frames are masked as the RFC requires.
 */
public final class RawFrames implements AutoCloseable {
    public static final int OPCODE_CONTINUATION = 0x0;
    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;

    /** A frame as received from the server (server frames are never masked). */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    private RawFrames(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(in);
        this.out = socket.getOutputStream();
    }

    /** Upgrades a fresh connection to {@code /}; fails the test unless the daemon answers 101. */
    public static RawFrames open(URI httpBase) {
        try {
            Socket socket = RawHttp.connect(httpBase);
            String key = RawHttp.newWebSocketKey();
            RawHttp.writeHead(socket.getOutputStream(), httpBase, "GET", "/", RawHttp.upgradeHeaderLines(key));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            RawHttp.Head head = RawHttp.readHead(in);
            if (head.status() != 101) {
                socket.close();
                throw new AssertionError("upgrade answered " + head.status() + ", expected 101");
            }
            return new RawFrames(socket, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one masked frame; the payload may be anything, valid or not. */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payload.length < 126) {
            header.put((byte) (0x80 | payload.length));
        } else if (payload.length <= 0xFFFF) {
            header.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            header.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        header.put(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        synchronized (out) {
            out.write(header.array(), 0, header.position());
            out.write(masked);
            out.flush();
        }
    }

    /** Reads the next frame; fails on timeout ({@link RawHttp#SOCKET_TIMEOUT_MILLIS}). */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /**
     * Reads frames until the server's close frame and returns its status; {@code 1006} when the
     * connection ends without one.
     */
    public RawWebSocket.CloseFrame awaitClose() {
        try {
            for (Frame frame = readFrame(); ; frame = readFrame()) {
                if (frame.opcode() == OPCODE_CLOSE) {
                    return closeStatus(frame.payload());
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the daemon did not close within " + RawHttp.SOCKET_TIMEOUT_MILLIS + " ms");
        } catch (EOFException e) {
            return new RawWebSocket.CloseFrame(1006, "connection ended without a close frame");
        } catch (IOException e) {
            return new RawWebSocket.CloseFrame(1006, e.toString());
        }
    }

    private static RawWebSocket.CloseFrame closeStatus(byte[] payload) {
        if (payload.length < 2) {
            return new RawWebSocket.CloseFrame(1005, "");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        return new RawWebSocket.CloseFrame(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
