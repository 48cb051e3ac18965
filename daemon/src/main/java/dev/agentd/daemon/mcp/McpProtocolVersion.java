package dev.agentd.daemon.mcp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The MCP protocol revisions agentd speaks (mcp §1), newest first. */
public enum McpProtocolVersion {
    V2025_11_25("2025-11-25"),
    V2025_06_18("2025-06-18"),
    V2025_03_26("2025-03-26");

    public static final McpProtocolVersion LATEST = V2025_11_25;

    private final String wire;

    McpProtocolVersion(String wire) {
        this.wire = wire;
    }

    /** The version string as it appears in {@code protocolVersion} and {@code MCP-Protocol-Version}. */
    public String wire() {
        return wire;
    }

    /** The supported version spelled {@code value}, if any. */
    public static Optional<McpProtocolVersion> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(value)).findFirst();
    }

    /** The three version strings, newest first: {@code data.supported} of the 400 answer. */
    public static List<String> supported() {
        return Arrays.stream(values()).map(McpProtocolVersion::wire).toList();
    }

    /** GET streams write a priming event (mcp §8.7). */
    public boolean primesStreams() {
        return this == V2025_11_25;
    }

    /** Tools declare {@code outputSchema} and results carry {@code structuredContent} (mcp §12.1). */
    public boolean hasStructuredOutput() {
        return this != V2025_03_26;
    }

    /** JSON-RPC batches are accepted (mcp §9.4). */
    public boolean acceptsBatches() {
        return this == V2025_03_26;
    }
}
