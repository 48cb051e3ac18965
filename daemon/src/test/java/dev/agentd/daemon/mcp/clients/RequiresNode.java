package dev.agentd.daemon.mcp.clients;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (class) that runs the Node harness (mcp §15.2): it needs a Node ≥ 22 and the
 * pinned packages in {@code daemon/src/test/node/node_modules}. Without them it is skipped with
 * the reason, printed once as a WARN line; with {@code -Dagentd.strict=true} it fails instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresNodeExtension.class)
@Tag("node")
public @interface RequiresNode {}
