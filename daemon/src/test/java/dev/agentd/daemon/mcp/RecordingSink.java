package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.ArrayList;
import java.util.Collections;

/** A fake {@link EventSink} that records what a stream wrote, in order. */
final class RecordingSink implements EventSink {
    enum Kind { OPEN, EVENT, PRIMER, COMMENT, END }

    /** One write; {@code id} 0 for writes without an id. */
    record Write(Kind kind, long id, byte[] json) {
        JsonNode data() {
            try {
                return Json.mapper().readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean writable = true;
    private volatile long lastId;

    @Override
    public void open() {
        writes.add(new Write(Kind.OPEN, 0, null));
    }

    @Override
    public void event(long id, byte[] json) {
        writes.add(new Write(Kind.EVENT, id, json));
        if (id > 0) {
            lastId = id;
        }
    }

    @Override
    public void primer(long id) {
        writes.add(new Write(Kind.PRIMER, id, null));
        lastId = id;
    }

    @Override
    public void comment(String text) {
        writes.add(new Write(Kind.COMMENT, 0, null));
    }

    @Override
    public boolean writable() {
        return writable;
    }

    void writable(boolean value) {
        writable = value;
    }

    @Override
    public void end() {
        writes.add(new Write(Kind.END, 0, null));
    }

    List<Write> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    /** Ids of every write that carried one (events and primers), in write order. */
    List<Long> ids() {
        return writes().stream().filter(w -> w.id() > 0).map(Write::id).toList();
    }

    /** Ids of events only (primers left out). */
    List<Long> eventIds() {
        return writes().stream().filter(w -> w.kind() == Kind.EVENT && w.id() > 0).map(Write::id).toList();
    }

    /** The highest id written: the stream's cursor as a client would resume from it. */
    long lastId() {
        return lastId;
    }

    boolean ended() {
        return writes().stream().anyMatch(w -> w.kind() == Kind.END);
    }
}
