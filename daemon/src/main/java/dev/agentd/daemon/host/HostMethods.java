package dev.agentd.daemon.host;

import dev.agentd.daemon.rpc.Execution;
import dev.agentd.daemon.rpc.MethodHandler;
import dev.agentd.daemon.rpc.NotificationQueue;
import dev.agentd.daemon.rpc.RpcCall;
import dev.agentd.daemon.rpc.RpcMethod;
import dev.agentd.daemon.session.ClientSession;
import java.util.List;

/**
 * The {@code host.*} methods (host §4): thin adapters that decode params and call
 * {@link HostState}. {@code host.devices}, {@code host.register_device} and
 * {@code host.update_device} are deliberately absent (-32601 in this version).
 */
public final class HostMethods {
    public static final String EVENT_NOTIFICATION = "host.event";
    /** Per connection (core §3); a full queue drops events for that subscriber only. */
    static final int SUBSCRIBER_QUEUE_CAPACITY = 1024;

    private final HostState host;

    public HostMethods(HostState host) {
        this.host = host;
    }

    public record EventsResult(List<HostEvent> events) {}

    public record ApprovalsResult(List<HostApproval> approvals) {}

    public record UnregisterResult(boolean ok) {}

    public List<RpcMethod> methods() {
        return List.of(
                worker("host.subscribe", this::subscribe).handshakeRequired(),
                worker("host.agents", call -> host.agents()),
                worker("host.events",
                        call -> new EventsResult(host.events(call.params(EventsParams.class).effectiveLimit()))),
                worker("host.approvals", call -> new ApprovalsResult(host.approvals())),
                worker("host.register_agent",
                        call -> host.registerAgent(call.session(), call.params(RegisterAgentParams.class))),
                worker("host.unregister_agent", call -> new UnregisterResult(
                        host.unregisterAgent(call.session(), call.params(AgentRefParams.class).agentId()))),
                worker("host.set_status", call -> host.setStatus(call.session(), call.params(SetStatusParams.class))),
                worker("host.notify", call -> host.notify(call.params(NotifyParams.class))),
                worker("host.request_approval",
                        call -> host.requestApproval(call.session(), call.params(RequestApprovalParams.class))),
                worker("host.resolve_approval",
                        call -> host.resolveApproval(call.session(), call.params(ResolveApprovalParams.class))));
    }

    /**
     * Registers the subscriber and takes the snapshot atomically, but lets the queue write only
     * once the reply carrying the snapshot is written: the reply always precedes the first event
     * (host §7.3), and events produced meanwhile wait in the queue.
     */
    private HostSnapshot subscribe(RpcCall call) {
        ClientSession session = call.session();
        NotificationQueue queue = session.connection().notifications()
                .open(EVENT_NOTIFICATION, SUBSCRIBER_QUEUE_CAPACITY, "host.event subscription of " + session.clientId());
        HostSnapshot snapshot;
        try {
            snapshot = host.subscribe(session, new QueuedSubscriber(queue));
        } catch (RuntimeException e) {
            queue.cancel();
            throw e;
        }
        call.afterReply(queue::start);
        return snapshot;
    }

    private static RpcMethod worker(String name, MethodHandler handler) {
        return RpcMethod.of(name, Execution.WORKER, handler);
    }

    private record QueuedSubscriber(NotificationQueue queue) implements HostSubscriber {
        @Override
        public void offer(HostEvent event) {
            queue.offer(event);
        }

        @Override
        public void discard() {
            queue.cancel();
        }
    }
}
