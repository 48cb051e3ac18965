package dev.agentd.daemon.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.daemon.mcp.tools.ToolProgress;
import dev.agentd.daemon.memory.GraphKey;
import dev.agentd.daemon.state.PathEncoding;
import dev.agentd.daemon.transport.OriginPolicy;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.RpcException;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Every step of mcp §3 for one {@code /mcp} request, in order; the first failing step answers.
 * Runs on the channel's event loop and never blocks there: the only slow work, {@code tools/call},
 * is handed to the {@link ToolRunner} and answered when it completes. A POST never waits on a GET
 * stream: publishing to a session only enqueues.
 */
final class McpRequestProcessor {
    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    static final String NAMESPACE_HEADER = "X-Agentd-Namespace";
    static final String AGENT_HEADER = "X-Agentd-Agent";

    private final HostHeaderPolicy hosts;
    private final McpAuth auth;
    private final SessionStore store;
    private final McpDispatcher dispatcher;
    private final InFlightRequests inFlight;
    private final Duration keepAlive;
    private final int maxBodyBytes;
    private final BooleanSupplier stopping;

    McpRequestProcessor(HostHeaderPolicy hosts, McpAuth auth, SessionStore store, McpDispatcher dispatcher,
            InFlightRequests inFlight, McpSettings settings, int maxBodyBytes, BooleanSupplier stopping) {
        this.hosts = hosts;
        this.auth = auth;
        this.store = store;
        this.dispatcher = dispatcher;
        this.inFlight = inFlight;
        this.keepAlive = settings.keepAlive();
        this.maxBodyBytes = maxBodyBytes;
        this.stopping = stopping;
    }

    BooleanSupplier stopping() {
        return stopping;
    }

    void process(FullHttpRequest request, McpExchange exchange) {
        if (stopping.getAsBoolean()) {
            exchange.fail(McpHttpError.SHUTTING_DOWN);
            return;
        }
        if (request.decoderResult().isFailure()) {
            exchange.fail(McpHttpError.MALFORMED_REQUEST);
            return;
        }
        HeadCheck head = checkHead(request, exchange.context().channel().remoteAddress());
        if (head instanceof HeadCheck.Rejected rejected) {
            exchange.fail(rejected.error());
        } else if (head instanceof HeadCheck.Preflight) {
            exchange.preflight();
        } else {
            McpPrincipal principal = ((HeadCheck.Passed) head).principal();
            try {
                dispatch(request, principal, exchange);
            } catch (Rejection rejection) {
                exchange.fail(rejection.error);
            }
        }
    }

    /** Step 6's 413, after steps 2–5 had their say on the head alone; the rest of the body is never read. */
    void rejectOversized(HttpRequest head, McpExchange exchange) {
        exchange.closeAfterResponse();
        HeadCheck check = stopping.getAsBoolean() ? new HeadCheck.Rejected(McpHttpError.SHUTTING_DOWN)
                : checkHead(head, exchange.context().channel().remoteAddress());
        if (check instanceof HeadCheck.Rejected rejected) {
            exchange.fail(rejected.error());
        } else if (check instanceof HeadCheck.Preflight) {
            exchange.preflight();
        } else {
            exchange.fail(McpHttpError.tooLarge(maxBodyBytes));
        }
    }

    /** Steps 2–5. */
    HeadCheck checkHead(HttpRequest request, SocketAddress remote) {
        HttpHeaders headers = request.headers();
        if (!hosts.allows(headers.getAll(HttpHeaderNames.HOST))) {
            return new HeadCheck.Rejected(McpHttpError.FORBIDDEN_HOST);
        }
        if (!OriginPolicy.allows(headers.getAll(HttpHeaderNames.ORIGIN))) {
            return new HeadCheck.Rejected(McpHttpError.FORBIDDEN_ORIGIN);
        }
        HttpMethod method = request.method();
        if (HttpMethod.OPTIONS.equals(method)) {
            return new HeadCheck.Preflight();
        }
        if (!HttpMethod.POST.equals(method) && !HttpMethod.GET.equals(method) && !HttpMethod.DELETE.equals(method)) {
            return new HeadCheck.Rejected(McpHttpError.METHOD_NOT_ALLOWED);
        }
        Optional<McpPrincipal> principal = auth.authenticate(headers.getAll(HttpHeaderNames.AUTHORIZATION),
                headers.getAll(AGENT_HEADER), remote);
        if (principal.isEmpty()) {
            return new HeadCheck.Rejected(McpHttpError.UNAUTHORIZED);
        }
        List<String> accept = headers.getAll(HttpHeaderNames.ACCEPT);
        if (HttpMethod.POST.equals(method)) {
            if (!ContentNegotiation.accepts(accept, ContentNegotiation.JSON)
                    || !ContentNegotiation.accepts(accept, ContentNegotiation.EVENT_STREAM)) {
                return new HeadCheck.Rejected(McpHttpError.NOT_ACCEPTABLE_POST);
            }
            if (!ContentNegotiation.isJson(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
                return new HeadCheck.Rejected(McpHttpError.UNSUPPORTED_MEDIA_TYPE);
            }
        } else if (HttpMethod.GET.equals(method) && !ContentNegotiation.accepts(accept, ContentNegotiation.EVENT_STREAM)) {
            return new HeadCheck.Rejected(McpHttpError.NOT_ACCEPTABLE_GET);
        }
        return new HeadCheck.Passed(principal.get());
    }

    private void dispatch(FullHttpRequest request, McpPrincipal principal, McpExchange exchange) {
        if (HttpMethod.POST.equals(request.method())) {
            post(request, principal, exchange);
            return;
        }
        checkVersionHeader(request);
        McpSession session = session(request, principal, GraphKey.of(namespace(request), principal.agentId()),
                McpHttpError.SESSION_REQUIRED);
        if (HttpMethod.GET.equals(request.method())) {
            openStream(session, request.headers().get("Last-Event-ID"), exchange);
        } else {
            store.remove(session);
            exchange.empty(HttpResponseStatus.NO_CONTENT, session.id());
        }
    }

    // ---- POST (§9) ---------------------------------------------------------------------------------

    private void post(FullHttpRequest request, McpPrincipal principal, McpExchange exchange) {
        JsonRpcBody body = JsonRpcBody.parse(new ByteBufInputStream(request.content()));
        if (body instanceof JsonRpcBody.Invalid invalid) {
            throw new Rejection(McpHttpError.badRequest(invalid.error()));
        }
        if (body instanceof JsonRpcBody.Single single && single.message() instanceof JsonRpcMessage.Request call
                && call.isInitialize()) {
            GraphKey tenant = GraphKey.of(namespace(request), principal.agentId());
            initialize(call, principal, tenant, exchange);
            return;
        }
        checkVersionHeader(request);
        GraphKey tenant = GraphKey.of(namespace(request), principal.agentId());
        if (body instanceof JsonRpcBody.Batch batch) {
            McpSession session = session(request, principal, tenant, McpHttpError.badRequest(
                    invalidRequest("a batch needs a session")));
            if (!session.protocolVersion().acceptsBatches()) {
                throw new Rejection(McpHttpError.badRequest(
                        invalidRequest("batches are not accepted on a " + session.protocolVersion().wire() + " session")));
            }
            batch(session, batch.messages(), exchange);
            return;
        }
        McpSession session = session(request, principal, tenant, McpHttpError.SESSION_REQUIRED);
        JsonRpcMessage message = ((JsonRpcBody.Single) body).message();
        if (message instanceof JsonRpcMessage.Request call) {
            request(session, call, exchange);
        } else {
            if (message instanceof JsonRpcMessage.Notification notification) {
                McpDispatcher.notification(session, notification);
            }
            exchange.empty(HttpResponseStatus.ACCEPTED, session.id());
        }
    }

    /** §7.2: a fresh session whatever {@code Mcp-Session-Id} says; bad params → -32602, no session. */
    private void initialize(JsonRpcMessage.Request call, McpPrincipal principal, GraphKey tenant, McpExchange exchange) {
        McpSession.Identity identity;
        try {
            identity = McpDispatcher.initialize(call.params(), principal, tenant);
        } catch (RpcException e) {
            exchange.json(McpJson.error(call.id(), e.error()), null);
            return;
        }
        McpSession session = store.create(identity);
        exchange.json(McpJson.result(call.id(), McpDispatcher.initializeResult(session)), session.id());
    }

    private void request(McpSession session, JsonRpcMessage.Request call, McpExchange exchange) {
        JsonNode token = ProgressStream.tokenOf(call.params());
        if (token == null) {
            CompletableFuture<ObjectNode> reply = dispatcher.request(session, call, ToolProgress.NONE);
            inFlight.track(reply, call.id(), exchange);
            reply.thenAccept(response -> exchange.json(response, session.id()));
            return;
        }
        ProgressStream stream = ProgressStream.open(exchange, token, session.id());
        CompletableFuture<ObjectNode> reply = dispatcher.request(session, call, stream);
        inFlight.track(reply, call.id(), exchange);
        reply.thenAccept(stream::finish);
    }

    /** §9.4: responses in request order; 202 when the batch held no request. Progress tokens are ignored. */
    private void batch(McpSession session, List<JsonRpcMessage> messages, McpExchange exchange) {
        List<CompletableFuture<ObjectNode>> replies = new ArrayList<>();
        for (JsonRpcMessage message : messages) {
            if (message instanceof JsonRpcMessage.Request call) {
                CompletableFuture<ObjectNode> reply = dispatcher.request(session, call, ToolProgress.NONE);
                inFlight.track(reply, call.id(), exchange);
                replies.add(reply);
            } else if (message instanceof JsonRpcMessage.Notification notification) {
                McpDispatcher.notification(session, notification);
            }
        }
        if (replies.isEmpty()) {
            exchange.empty(HttpResponseStatus.ACCEPTED, session.id());
            return;
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenRun(() -> {
            ArrayNode responses = Json.mapper().createArrayNode();
            replies.forEach(reply -> responses.add(reply.join()));
            exchange.json(responses, session.id());
        });
    }

    // ---- GET (§8.4) -------------------------------------------------------------------------------

    private void openStream(McpSession session, String lastEventId, McpExchange exchange) {
        EventStream[] stream = new EventStream[1];
        McpExchange.ChannelListener listener = new McpExchange.ChannelListener() {
            @Override
            public void closed() {
                stream[0].closed();
            }

            @Override
            public void writable() {
                stream[0].writable();
            }
        };
        EventSink sink = new ChannelEventSink(exchange, session.id(), listener);
        stream[0] = new EventStream(session.events(), exchange.context().channel().eventLoop(), sink, keepAlive,
                () -> store.touch(session));
        session.events().open(stream[0], lastEventId);
    }

    // ---- steps 7–9 ---------------------------------------------------------------------------------

    /** Step 7: absent → the session's version; a supported one other than it is accepted too. */
    private static void checkVersionHeader(HttpRequest request) {
        String version = request.headers().get(PROTOCOL_VERSION_HEADER);
        if (version != null && McpProtocolVersion.parse(version).isEmpty()) {
            throw new Rejection(McpHttpError.unsupportedVersion(version));
        }
    }

    /** Step 8: the namespace (null when absent); empty, undecodable or over-long once encoded → 400. */
    private static String namespace(HttpRequest request) {
        List<String> values = request.headers().getAll(NAMESPACE_HEADER);
        if (values.isEmpty()) {
            return null;
        }
        String namespace = values.size() == 1 ? utf8(values.get(0)) : null;
        if (namespace == null || namespace.isEmpty() || PathEncoding.enc(namespace).length() > GraphKey.MAX_ENCODED_NAMESPACE) {
            throw new Rejection(McpHttpError.BAD_NAMESPACE);
        }
        return namespace;
    }

    /** Header bytes arrive as ISO-8859-1 characters; a namespace is UTF-8 (null when it is not). */
    private static String utf8(String headerValue) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(headerValue.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Step 9 (§7.3): the session named by {@code Mcp-Session-Id}, bound to this principal and
     * tenant, now touched. Unknown, expired, deleted and foreign sessions get the same 404, and a
     * foreign one is neither touched nor removed.
     */
    private McpSession session(HttpRequest request, McpPrincipal principal, GraphKey tenant, McpHttpError missing) {
        String id = request.headers().get(McpExchange.SESSION_HEADER);
        if (id == null) {
            throw new Rejection(missing);
        }
        McpSession session = store.find(id).orElse(null);
        if (session == null || !session.boundTo(principal, tenant)) {
            throw new Rejection(McpHttpError.SESSION_NOT_FOUND);
        }
        store.touch(session);
        return session;
    }

    private static RpcError invalidRequest(String detail) {
        return new RpcError(ErrorCodes.INVALID_REQUEST, "Invalid Request: " + detail);
    }

    /** A failed step: answered with its error, nothing else happens. */
    private static final class Rejection extends RuntimeException {
        private final transient McpHttpError error;

        Rejection(McpHttpError error) {
            super(error.error().message(), null, false, false);
            this.error = error;
        }
    }
}
