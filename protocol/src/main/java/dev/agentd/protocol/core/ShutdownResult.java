package dev.agentd.protocol.core;

/** {@code server.shutdown} result (core §8). */
public record ShutdownResult(boolean ok, long pid) {}
