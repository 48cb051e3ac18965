package dev.agentd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.protocol.client.ClientException;
import dev.agentd.protocol.client.RpcNotification;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The notifications of one method that arrive on a follow loop's connection, handed to the
 * command's own thread in arrival order. The client delivers notifications on its listener thread,
 * which must never wait for a reply (replies arrive on that same thread), so a loop that answers
 * an event with a request (a re-subscribe) takes events from here instead. Once the connection
 * ends, {@link #next} fails with the close, after every notification that arrived before it.
 */
final class NotificationInbox {
    private sealed interface Arrival permits Notification, End {}

    private record Notification(JsonNode params) implements Arrival {}

    private record End(ClientException.ConnectionClosed reason) implements Arrival {}

    private final ConnectionTarget target;
    private final String method;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();

    NotificationInbox(ConnectionTarget target, String method) {
        this.target = target;
        this.method = method;
    }

    /** Listener side: keeps {@code notification} if it is of this inbox's method. */
    void offer(RpcNotification notification) {
        if (notification.method().equals(method)) {
            arrivals.add(new Notification(notification.params()));
        }
    }

    /** Listener side: the connection has ended. */
    void closed(ClientException.ConnectionClosed reason) {
        arrivals.add(new End(reason));
    }

    /**
     * The next notification's params, waiting as long as it takes (follow loops have no client
     * limit, cli §4.3).
     *
     * @throws ConnectionFailure once the connection has ended
     * @throws InterruptedException when Ctrl-C interrupts the wait
     */
    JsonNode next() throws InterruptedException {
        Arrival arrival = arrivals.take();
        if (arrival instanceof End end) {
            arrivals.add(end); // every later call fails the same way
            throw new ConnectionFailure(target, ConnectionFailure.Stage.REQUEST, end.reason());
        }
        return ((Notification) arrival).params();
    }
}
