package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a {@code text/event-stream} body incrementally, as an SSE client would, and hands out what
 * arrived in order: events, comment lines and, last, the end of the stream.
 *
 * <p>Unlike a browser's {@code EventSource} it dispatches every block that had a field, even one
 * with empty {@code data} (the MCP priming event, mcp §8.7), and keeps each field as sent, so
 * tests can assert on the wire framing. A background thread does the reading; nothing blocks
 * longer than the timeout a test passes.
 */
public final class SseReader implements AutoCloseable {
    /** What a stream yields. */
    public sealed interface Item permits Event, Comment, End {}

    /**
     * One SSE event. Fields the server did not send are null.
     *
     * @param id    the {@code id:} value
     * @param retry the {@code retry:} value
     * @param data  the {@code data:} lines joined with {@code \n}; {@code ""} for a bare {@code data:}
     * @param type  the {@code event:} value (agentd never sends one)
     */
    public record Event(String id, String retry, String data, String type) implements Item {
        /** The numeric id; fails when the event has none. */
        public long idNumber() {
            if (id == null) {
                throw new AssertionError("the event has no id: " + this);
            }
            return Long.parseLong(id);
        }

        /** An MCP priming event: an id and empty data (mcp §8.7). */
        public boolean isPrimer() {
            return id != null && data != null && data.isEmpty();
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(data);
            } catch (JsonProcessingException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    /** A comment line ({@code : text}), with one leading space after the colon removed. */
    public record Comment(String text) implements Item {}

    /**
     * The stream ended: {@code error} is null when the body ended normally (for a chunked body, with
     * the terminating chunk), else what broke it.
     */
    public record End(IOException error) implements Item {
        public boolean clean() {
            return error == null;
        }
    }

    private final InputStream body;
    private final BlockingQueue<Item> pending = new LinkedBlockingQueue<>();
    private final List<Item> received = new CopyOnWriteArrayList<>();
    private volatile End end;

    private SseReader(InputStream body) {
        this.body = body;
    }

    /** Starts reading {@code body} on a background thread. */
    public static SseReader start(InputStream body) {
        SseReader reader = new SseReader(body);
        Thread thread = new Thread(reader::readAll, "sse-reader");
        thread.setDaemon(true);
        thread.start();
        return reader;
    }

    /** Parses a complete body (e.g. the SSE answer of a POST) and returns its events and comments. */
    public static List<Item> parse(byte[] body) {
        SseReader reader = new SseReader(new ByteArrayInputStream(body));
        reader.readAll();
        return reader.received().stream().filter(item -> !(item instanceof End)).toList();
    }

    /** The next item, waiting up to {@code timeout}; once the stream has ended, always its {@link End}. */
    public Item next(Duration timeout) {
        return poll(timeout).orElseThrow(() -> new AssertionError(
                "nothing arrived on the event stream within " + timeout + "; so far: " + received));
    }

    /** The next item, or empty if none arrives within {@code timeout}. */
    public Optional<Item> poll(Duration timeout) {
        if (pending.isEmpty() && end != null) {
            return Optional.of(end);
        }
        try {
            Item item = pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null && end != null) {
                item = Optional.ofNullable(pending.poll()).orElse(end);
            }
            return Optional.ofNullable(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading the event stream", e);
        }
    }

    /** The next event, skipping comments; fails if the stream ends or nothing arrives in time. */
    public Event nextEvent(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Item item = next(left);
            if (item instanceof Event event) {
                return event;
            }
            if (item instanceof End ended) {
                throw new AssertionError("the event stream ended (" + ended + ") before another event; so far: "
                        + received);
            }
        }
    }

    /** The next {@code count} events, skipping comments. */
    public List<Event> nextEvents(int count, Duration timeout) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(nextEvent(timeout));
        }
        return events;
    }

    /**
     * Consumes items until the server ends the stream and returns how it ended; fails if it is
     * still open after {@code timeout}.
     */
    public End awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Optional<Item> item = poll(left);
            if (item.isEmpty()) {
                throw new AssertionError("the event stream is still open after " + timeout);
            }
            if (item.get() instanceof End ended) {
                return ended;
            }
        }
    }

    /** True once the stream has ended (whether or not the end was consumed). */
    public boolean ended() {
        return end != null;
    }

    /** Everything received so far, in order, consumed or not. */
    public List<Item> received() {
        return List.copyOf(received);
    }

    /** Every event received so far. */
    public List<Event> receivedEvents() {
        return received.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
    }

    /** Every comment received so far. */
    public List<Comment> receivedComments() {
        return received.stream().filter(Comment.class::isInstance).map(Comment.class::cast).toList();
    }

    /** Closes the body: the client disconnects. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readAll() {
        IOException failure = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            readEvents(lines);
        } catch (IOException e) {
            failure = e;
        }
        End ended = new End(failure);
        received.add(ended);
        end = ended;
        pending.add(ended);
    }

    /** The WHATWG event-stream interpretation, keeping the raw field values. */
    private void readEvents(BufferedReader lines) throws IOException {
        EventBuilder event = new EventBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                event.build().ifPresent(this::deliver);
                event = new EventBuilder();
            } else if (line.startsWith(":")) {
                deliver(new Comment(withoutLeadingSpace(line.substring(1))));
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : withoutLeadingSpace(line.substring(colon + 1));
                event.field(field, value);
            }
        }
        // A block the stream ended inside is discarded, as an SSE client does.
    }

    private void deliver(Item item) {
        received.add(item);
        pending.add(item);
    }

    private static String withoutLeadingSpace(String value) {
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static final class EventBuilder {
        private String id;
        private String retry;
        private StringBuilder data;
        private String type;
        private boolean any;

        void field(String name, String value) {
            any = true;
            switch (name) {
                case "id" -> id = value;
                case "retry" -> retry = value;
                case "event" -> type = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // unknown fields are ignored, as by any SSE client
                }
            }
        }

        Optional<Event> build() {
            return any ? Optional.of(new Event(id, retry, data == null ? null : data.toString(), type)) : Optional.empty();
        }
    }
}
