package dev.agentd.daemon.rpc;

import dev.agentd.protocol.RpcResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Collects the responses of one batch (core §2.2): elements run concurrently, the array is
 * written once every element has finished, in the order of the requests; notifications add
 * nothing, and a batch of only notifications gets no reply.
 */
final class BatchReply {
    private final RpcResponse[] responses;
    private final List<Runnable> after = new ArrayList<>();
    private final BiConsumer<List<RpcResponse>, List<Runnable>> writer;
    private int remaining;

    /** @param writer writes the finished array (never empty) and runs the tasks after it */
    BatchReply(int size, BiConsumer<List<RpcResponse>, List<Runnable>> writer) {
        this.responses = new RpcResponse[size];
        this.remaining = size;
        this.writer = writer;
    }

    Reply slot(int index) {
        return new Slot(this, index);
    }

    private void fill(int index, RpcResponse response, List<Runnable> tasks) {
        responses[index] = response;
        after.addAll(tasks);
        if (--remaining > 0) {
            return;
        }
        List<RpcResponse> written = new ArrayList<>(responses.length);
        for (RpcResponse each : responses) {
            if (each != null) {
                written.add(each);
            }
        }
        if (written.isEmpty()) {
            after.forEach(Runnable::run);
        } else {
            writer.accept(written, after);
        }
    }

    private record Slot(BatchReply batch, int index) implements Reply {
        @Override
        public void complete(RpcResponse response, List<Runnable> after) {
            batch.fill(index, response, after);
        }

        @Override
        public boolean sameBatchAs(Reply other) {
            return other instanceof Slot slot && slot.batch == batch;
        }
    }
}
