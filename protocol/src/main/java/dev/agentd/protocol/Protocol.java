package dev.agentd.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Protocol and product versions, shared by the daemon and its clients. */
public final class Protocol {
    /** The wire protocol version agentd speaks (CAR protocol v2). */
    public static final int VERSION = 2;
    /** The agentd release, e.g. {@code 0.1.0}. */
    public static final String AGENTD_VERSION = readVersion();

    private Protocol() {}

    private static String readVersion() {
        try (InputStream in = Protocol.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("version.properties missing from the protocol jar", e));
        }
    }
}
