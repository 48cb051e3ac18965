package dev.agentd.daemon.rpc;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The server-to-client notifications of one connection (core §3). Every subscription owns a
 * bounded {@link NotificationQueue}; queued notifications are written on the channel's event loop
 * only while the channel is writable, and every queue drains again when writability returns.
 * Responses never wait here: they are written by the dispatcher whatever the writability.
 */
public final class NotificationSink {
    private final Channel channel;
    private final Consumer<Object> writer;
    private final Set<NotificationQueue> queues = ConcurrentHashMap.newKeySet();

    /** @param writer writes one frame on the event loop and arranges its flush */
    NotificationSink(Channel channel, Consumer<Object> writer) {
        this.channel = channel;
        this.writer = writer;
    }

    /**
     * Opens the queue of one subscription. It writes nothing until {@link NotificationQueue#start()},
     * so a subscription can begin collecting before the reply that creates it is written.
     *
     * @param method       the notification's method, e.g. {@code host.event}
     * @param capacity     notifications held while the channel is not writable; more are dropped
     * @param subscription names the subscription in log lines
     */
    public NotificationQueue open(String method, int capacity, String subscription) {
        NotificationQueue queue = new NotificationQueue(this, method, capacity, subscription);
        queues.add(queue);
        return queue;
    }

    /** Called on the event loop when the channel's writability changes. */
    void onWritabilityChanged() {
        if (channel.isWritable()) {
            queues.forEach(NotificationQueue::drain);
        }
    }

    boolean writable() {
        return channel.isWritable();
    }

    void write(String method, Object params) {
        writer.accept(new Notification(method, params));
    }

    void onEventLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // the event loop has stopped: the connection is gone and so is the subscriber
        }
    }

    void remove(NotificationQueue queue) {
        queues.remove(queue);
    }
}
