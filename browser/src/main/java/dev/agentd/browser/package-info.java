/**
 * Browser automation for {@code browser.run} and {@code browser.close} (browser specification).
 *
 * <p>What the daemon uses:
 * <ul>
 *   <li>{@link dev.agentd.browser.ChromiumLauncher}: one per daemon, built from
 *       {@link dev.agentd.browser.BrowserSettings#defaults(java.nio.file.Path)} with the state root.</li>
 *   <li>{@link dev.agentd.browser.BrowserSlot}: one per {@code ClientSession}.
 *       {@code browser.run} → {@link dev.agentd.browser.BrowserSlot#run(com.fasterxml.jackson.databind.JsonNode)}
 *       returns a {@link dev.agentd.browser.Trace} (serialise it with the shared mapper);
 *       {@code browser.close} → {@link dev.agentd.browser.BrowserSlot#close()} ({@code {"closed": …}});
 *       session cleanup and shutdown → {@link dev.agentd.browser.BrowserSlot#closeNow()}.</li>
 *   <li>{@link dev.agentd.browser.launch.OrphanReaper#reap()} once at start, before {@code listening}.</li>
 * </ul>
 * Every error these throw is an {@link dev.agentd.protocol.RpcException} that already carries the
 * wire error: -32602 {@code invalid params: …}, -32603 {@code browser launch failed: …}, -32603
 * {@code browser session lost: …} with {@code data.trace}. {@code run} and {@code close} block
 * (launch, page loads, waits) and must run on the handler executor; an interrupt (the handler
 * deadline) ends a run at its next wait and keeps the browser.
 */
package dev.agentd.browser;
