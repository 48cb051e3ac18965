package dev.agentd.browser.page;

/** The viewport in CSS px. */
public record Viewport(int width, int height) {}
