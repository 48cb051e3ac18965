package dev.agentd.browser.page;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Readable, non-interactive text of an observation (browser §6.1); it has no id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextBlock(String role, String name, Integer level) {}
