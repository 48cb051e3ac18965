package dev.agentd.bench.load;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/** A bench connection, the tool's handler on it, and the outcome of its session setup. */
record OpenConnection<H>(Channel channel, H handler, Future<Void> ready) {}
