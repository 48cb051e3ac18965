package dev.agentd.browser;

import dev.agentd.browser.page.ErrorKind;

/** Why a step failed (browser §8.2). */
public record StepError(ErrorKind kind, String message) {}
