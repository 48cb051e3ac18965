package dev.agentd.daemon.rpc;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.agentd.daemon.session.ClientSession;
import dev.agentd.daemon.session.ConnectionControl;
import dev.agentd.protocol.ErrorCodes;
import dev.agentd.protocol.Json;
import dev.agentd.protocol.RpcError;
import dev.agentd.protocol.RpcException;
import dev.agentd.protocol.RpcResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Dispatches the JSON-RPC traffic of one connection (core §2.3, §3, §4). Every field is touched
 * on the channel's event loop only; worker results hop back onto it.
 *
 * <ul>
 *   <li>Elements wait in a queue and are dispatched in order while fewer than 256 are in flight,
 *       no control barrier is pending and the auth gate has not closed the connection.</li>
 *   <li>The socket is read only while that queue is empty, the in-flight count is below the cap
 *       and the channel is writable — so a fast client cannot queue unbounded work.</li>
 *   <li>Responses are written as they complete and flushed once per read burst; completions
 *       outside a read burst share one flush task.</li>
 * </ul>
 */
public final class ConnectionDispatcher implements ConnectionControl {
    public static final int MAX_IN_FLIGHT = 256;
    private static final Logger log = LoggerFactory.getLogger(ConnectionDispatcher.class);
    private static final String AUTH_METHOD = "session.auth";
    private static final RpcError SHUTTING_DOWN = new RpcError(ErrorCodes.INTERNAL_ERROR, "daemon shutting down");
    private static final RpcError AUTH_REQUIRED = new RpcError(ErrorCodes.AUTH_REQUIRED,
            "auth required: call session.auth with a valid token first");

    private final Channel channel;
    private final ClientSession session;
    private final DispatchSettings settings;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Set<Active> active = new LinkedHashSet<>();
    private final NotificationSink notifications;
    private volatile int inFlight;
    private boolean barrierPending;
    private boolean gateClosed;
    private boolean readBurst;
    private boolean flushScheduled;
    private SerialLane serialLane;

    public ConnectionDispatcher(Channel channel, ClientSession session, DispatchSettings settings) {
        this.channel = channel;
        this.session = session;
        this.settings = settings;
        this.notifications = new NotificationSink(channel, this::write);
    }

    private record Pending(Envelope.Call call, Reply reply) {}

    /** A dispatched element; {@code done} once answered, expired or aborted — whichever is first. */
    private static final class Active {
        final Pending pending;
        final RpcMethod method;
        final RpcCall call;
        final long startedNanos = System.nanoTime();
        Future<?> worker;
        ScheduledFuture<?> deadline;
        boolean done;

        Active(Pending pending, RpcMethod method, RpcCall call) {
            this.pending = pending;
            this.method = method;
            this.call = call;
        }
    }

    // ---- inbound, from the channel handler --------------------------------------------------

    /** One reassembled text message. Called on the event loop inside a read burst. */
    public void onMessage(ByteBuf content) {
        readBurst = true;
        if (gateClosed || session.closing()) {
            return;
        }
        EnvelopeParser.Message message = EnvelopeParser.parse(content);
        if (message instanceof EnvelopeParser.Message.Rejected rejected) {
            write(RpcResponse.failure(NullNode.instance, rejected.error()));
        } else if (message instanceof EnvelopeParser.Message.Single single) {
            accept(single.envelope(), new SingleReply());
        } else if (message instanceof EnvelopeParser.Message.Batch batch) {
            acceptBatch(batch.elements());
        }
        pump();
    }

    /** A message over {@code --max-message-bytes}: discarded, answered, connection kept. */
    public void onOversizedMessage(int limit) {
        readBurst = true;
        if (!gateClosed && !session.closing()) {
            write(RpcResponse.failure(NullNode.instance, new RpcError(ErrorCodes.INVALID_REQUEST,
                    "invalid request: message exceeds the " + limit + "-byte limit")));
        }
    }

    /** End of a read burst: one flush for everything written during it. */
    public void onReadComplete() {
        readBurst = false;
        channel.flush();
    }

    public void onWritabilityChanged() {
        updateAutoRead();
        notifications.onWritabilityChanged();
    }

    private void acceptBatch(List<Envelope> elements) {
        BatchReply batch = new BatchReply(elements.size(), this::writeBatch);
        for (int i = 0; i < elements.size(); i++) {
            accept(elements.get(i), batch.slot(i));
        }
    }

    private void accept(Envelope envelope, Reply reply) {
        if (envelope instanceof Envelope.Call call) {
            queue.add(new Pending(call, reply));
        } else if (envelope instanceof Envelope.Invalid invalid) {
            reply.complete(RpcResponse.failure(invalid.id(), invalid.error()), List.of());
        } else {
            log.debug("ignoring a response to a server-initiated request");
            reply.complete(null, List.of());
        }
    }

    // ---- dispatch ------------------------------------------------------------------------------

    private void pump() {
        while (!queue.isEmpty() && !barrierPending && inFlight < MAX_IN_FLIGHT && !gateClosed && !session.closing()) {
            dispatch(queue.poll());
        }
        updateAutoRead();
    }

    /** The gates of core §2.3 in order, then the handler. */
    private void dispatch(Pending pending) {
        String name = pending.call().method();
        if (settings.shuttingDown().getAsBoolean()) {
            answer(pending, SHUTTING_DOWN);
        } else if (!session.authenticated() && !AUTH_METHOD.equals(name)) {
            closeAtAuthGate(pending);
        } else {
            RpcMethod method = settings.methods().find(name);
            if (method == null) {
                answer(pending, new RpcError(ErrorCodes.METHOD_NOT_FOUND, "method not found: " + name));
            } else if (method.requiresHandshake() && !session.negotiated()) {
                answer(pending, new RpcError(ErrorCodes.HANDSHAKE_REQUIRED,
                        "protocol handshake required: call server.handshake before " + name));
            } else if (method.hostOnly() && !session.host()) {
                answer(pending, new RpcError(ErrorCodes.INTERNAL_ERROR, "host role required: " + name));
            } else {
                start(new Active(pending, method, new RpcCall(session, name, pending.call().params())));
            }
        }
    }

    private void start(Active active) {
        inFlight++;
        this.active.add(active);
        barrierPending |= active.method.barrier();
        if (active.method.execution() == Execution.INLINE) {
            runInline(active);
            return;
        }
        try {
            active.worker = active.method.execution() == Execution.SERIAL
                    ? serialLane().submit(() -> runOnWorker(active))
                    : settings.workers().submit(() -> runOnWorker(active));
        } catch (RejectedExecutionException e) {
            finish(active, null, new RpcException(SHUTTING_DOWN));
            return;
        }
        long nanos = settings.handlerTimeout().toNanos();
        active.deadline = channel.eventLoop().schedule(() -> expire(active), nanos, TimeUnit.NANOSECONDS);
    }

    private SerialLane serialLane() {
        if (serialLane == null) {
            serialLane = new SerialLane(settings.workers());
        }
        return serialLane;
    }

    private void runInline(Active active) {
        Object result = null;
        Throwable failure = null;
        try {
            result = active.method.handler().handle(active.call);
        } catch (Throwable t) {
            failure = t;
        }
        finish(active, result, failure);
    }

    private void runOnWorker(Active active) {
        MDC.put("clientId", session.clientId());
        try {
            Object result = active.method.handler().handle(active.call);
            onLoop(() -> finish(active, result, null));
        } catch (Throwable t) {
            onLoop(() -> finish(active, null, t));
        } finally {
            MDC.remove("clientId");
        }
    }

    private void finish(Active active, Object result, Throwable failure) {
        if (active.done) {
            log.debug("discarding the late outcome of {} (id {})", active.method.name(), active.pending.call().id());
            return;
        }
        active.done = true;
        if (session.closing()) {
            release(active);
            return;
        }
        RpcResponse response = null;
        if (!active.pending.call().isNotification()) {
            response = failure == null
                    ? RpcResponse.success(active.pending.call().id(), result == null ? NullNode.instance : result)
                    : RpcResponse.failure(active.pending.call().id(), ErrorMapper.toError(failure, active.method.name()));
        }
        logCompletion(active, response);
        active.pending.reply().complete(response, active.call.afterReplyTasks());
        release(active);
        pump();
    }

    /** The deadline of core §4: answer -32004, free the slot, interrupt the handler. */
    private void expire(Active active) {
        if (active.done) {
            return;
        }
        active.done = true;
        active.worker.cancel(true);
        answerActive(active, HandlerDeadline.exceeded(active.method.name(), settings.handlerTimeout()));
        release(active);
        pump();
    }

    private void release(Active active) {
        inFlight--;
        this.active.remove(active);
        if (active.deadline != null) {
            active.deadline.cancel(false);
        }
        if (active.method.barrier()) {
            barrierPending = false;
        }
    }

    /**
     * Core §6.1: -32001 for this element (and, in a batch, every later element of that batch),
     * then close 1008 once that reply is written; nothing further is dispatched.
     */
    private void closeAtAuthGate(Pending pending) {
        gateClosed = true;
        List<Runnable> closeAfter = List.of(() -> close(1008, "auth required"));
        List<Pending> sameBatch = new ArrayList<>();
        for (Pending queued : queue) {
            if (queued.reply().sameBatchAs(pending.reply())) {
                sameBatch.add(queued);
            }
        }
        queue.clear();
        for (Pending later : sameBatch) {
            answer(later, AUTH_REQUIRED);
        }
        pending.reply().complete(errorFor(pending, AUTH_REQUIRED), closeAfter);
        updateAutoRead();
    }

    private void answer(Pending pending, RpcError error) {
        pending.reply().complete(errorFor(pending, error), List.of());
    }

    private void answerActive(Active active, RpcError error) {
        logCompletion(active, errorFor(active.pending, error));
        answer(active.pending, error);
    }

    private static RpcResponse errorFor(Pending pending, RpcError error) {
        return pending.call().isNotification() ? null : RpcResponse.failure(pending.call().id(), error);
    }

    // ---- outbound ------------------------------------------------------------------------------

    private final class SingleReply implements Reply {
        @Override
        public void complete(RpcResponse response, List<Runnable> after) {
            if (response == null) {
                after.forEach(Runnable::run);
            } else {
                runAfterWrite(write(response), after);
            }
        }
    }

    private void writeBatch(List<RpcResponse> responses, List<Runnable> after) {
        runAfterWrite(write(responses), after);
    }

    private static void runAfterWrite(ChannelFuture written, List<Runnable> after) {
        if (!after.isEmpty()) {
            written.addListener(ignored -> after.forEach(Runnable::run));
        }
    }

    private ChannelFuture write(Object message) {
        ByteBuf buffer = channel.alloc().buffer();
        try (OutputStream out = new ByteBufOutputStream(buffer)) {
            Json.mapper().writeValue(out, message);
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException(e);
        }
        ChannelFuture written = channel.write(new TextWebSocketFrame(buffer));
        if (!readBurst) {
            scheduleFlush();
        }
        return written;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(() -> {
                flushScheduled = false;
                channel.flush();
            });
        }
    }

    private void updateAutoRead() {
        boolean read = !gateClosed && !session.closing() && queue.isEmpty()
                && inFlight < MAX_IN_FLIGHT && channel.isWritable();
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    private void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("event loop gone; dropping a completion");
        }
    }

    private void logCompletion(Active active, RpcResponse response) {
        if (log.isDebugEnabled()) {
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - active.startedNanos);
            Object code = response == null || response.error() == null ? "ok" : response.error().code();
            log.debug("{} id={} {}us {}", active.method.name(), active.pending.call().id(), micros, code);
        }
    }

    // ---- ConnectionControl, callable from any thread ----------------------------------------

    @Override
    public NotificationSink notifications() {
        return notifications;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public void abortInFlight(RpcError error) {
        onLoop(() -> {
            for (Active running : List.copyOf(active)) {
                running.done = true;
                if (running.worker != null) {
                    running.worker.cancel(true);
                }
                answerActive(running, error);
                release(running);
            }
            channel.flush();
            pump();
        });
    }

    @Override
    public void close(int code, String reason) {
        onLoop(() -> {
            if (channel.isActive()) {
                channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    @Override
    public CompletableFuture<Void> closed() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(ignored -> closed.complete(null));
        return closed;
    }
}
