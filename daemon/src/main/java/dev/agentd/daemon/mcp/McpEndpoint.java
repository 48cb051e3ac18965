package dev.agentd.daemon.mcp;

import dev.agentd.daemon.DaemonConfig;
import dev.agentd.daemon.memory.MemoryService;
import dev.agentd.daemon.mcp.tools.McpTools;
import dev.agentd.daemon.session.DaemonCredentials;
import io.netty.channel.ChannelPipeline;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP Streamable HTTP endpoint at {@code /mcp} (mcp.md): its sessions, its memory-change
 * fan-out, and the two handlers it adds to every connection's pipeline.
 *
 * <p>Pipeline placement (the least invasive one): {@code mcp-aggregator} and {@code mcp} sit between
 * the request-head timeout and the daemon's 64 KiB aggregator. The MCP aggregator takes only
 * {@code /mcp} requests, with the {@code --max-message-bytes} limit and a JSON-RPC 413; the
 * handler answers them with keep-alive and long-lived SSE responses. The first request for any
 * other path removes both, so {@code /healthz}, 404s and the WebSocket upgrade go through exactly
 * the handlers they always did. The head timeout leaves at the first request head, so no idle or
 * read timeout ever closes an SSE channel; keep-alive comments hold it open.
 *
 * <p>Shutdown follows mcp §14: {@link #stopStreams} with the listener's close, {@link #inFlight} and
 * {@link #abortInFlight} for the drain, {@link #close} to invalidate the store.
 */
public final class McpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);
    static final String AGGREGATOR = "mcp-aggregator";
    static final String HANDLER = "mcp";

    private final SessionStore store;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final McpRequestProcessor processor;
    private final int maxBodyBytes;
    private final Runnable stopListening;
    private volatile boolean stopping;

    /**
     * @param credentials null under {@code --no-auth}
     * @param agentTokens the per-agent token of an agent id, if that agent exists
     * @param workers the daemon's handler pool, where {@code tools/call} runs
     * @param timers schedules the handler deadline
     */
    public McpEndpoint(DaemonConfig config, DaemonCredentials credentials, Function<String, Optional<String>> agentTokens,
            MemoryService memory, ExecutorService workers, ScheduledExecutorService timers) {
        this.store = new SessionStore(config.mcp());
        this.maxBodyBytes = config.maxMessageBytes();
        McpTools tools = new McpTools(memory);
        ToolRunner runner = new ToolRunner(tools, memory, workers, timers, config.handlerTimeout());
        this.processor = new McpRequestProcessor(new HostHeaderPolicy(config.host()), new McpAuth(credentials, agentTokens),
                store, new McpDispatcher(tools, runner), inFlight, config.mcp(), maxBodyBytes,
                () -> stopping);
        this.stopListening = memory.onChange(new ChangeFanOut(store));
    }

    /** Adds the MCP handlers to a connection's pipeline, after the HTTP codec. */
    public ChannelPipeline addHandlers(ChannelPipeline pipeline) {
        return pipeline
                .addLast(AGGREGATOR, new McpBodyAggregator(maxBodyBytes, processor))
                .addLast(HANDLER, new McpHttpHandler(processor, AGGREGATOR));
    }

    /** The live sessions (tests and diagnostics). */
    public SessionStore sessions() {
        return store;
    }

    /**
     * mcp §14 step 1: nothing more is published, later requests get 503, and every GET stream ends
     * with the terminating chunk, after which its connection closes.
     */
    public void stopStreams() {
        stopping = true;
        stopListening.run();
        store.sessions().forEach(session -> session.events().endStream());
        log.info("shutdown: mcp streams ended");
    }

    /** POSTs still being answered (step 3's drain). */
    public int inFlight() {
        return inFlight.count();
    }

    /** After the drain: the rest answer -32603 {@code daemon shutting down}, their connections close. */
    public void abortInFlight() {
        inFlight.abortAll();
    }

    /** mcp §14 step 4: every session goes; nothing is persisted. */
    @Override
    public void close() {
        stopping = true;
        store.invalidateAll();
    }
}
