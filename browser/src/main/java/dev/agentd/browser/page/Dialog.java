package dev.agentd.browser.page;

/** A JavaScript dialog that opened during a step and how it was answered (browser §5.5). */
public record Dialog(String type, String message, boolean accepted) {}
