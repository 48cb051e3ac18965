package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentd.memgine.Timestamps;
import java.io.IOException;

/** How a document writes timestamps: epoch milliseconds (snapshot) or RFC 3339 (export). */
enum TimeStyle {
    EPOCH_MILLIS,
    RFC3339;

    void write(JsonGenerator g, String name, long millis) throws IOException {
        if (this == EPOCH_MILLIS) {
            g.writeNumberField(name, millis);
        } else {
            g.writeStringField(name, Timestamps.format(millis));
        }
    }

    void writeNullable(JsonGenerator g, String name, Long millis) throws IOException {
        if (millis == null) {
            g.writeNullField(name);
        } else {
            write(g, name, millis);
        }
    }
}
