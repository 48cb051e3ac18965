package dev.agentd.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.BrowserLostException;
import dev.agentd.browser.cdp.CdpClient;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.cdp.CdpTimeoutException;
import dev.agentd.browser.page.Page;
import dev.agentd.browser.page.Viewport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The CDP set-up sequence at launch (browser §5.3). Any failure is a launch failure
 * {@code DevTools set-up failed: <method>: <error>}.
 */
final class DevToolsSetup {
    private final CdpClient cdp;

    DevToolsSetup(CdpClient cdp) {
        this.cdp = cdp;
    }

    /** Step 1: the product string, e.g. {@code Chrome/126.0.6478.126}. */
    String browserVersion() throws InterruptedException {
        return call(null, "Browser.getVersion", null).path("product").asText();
    }

    /** Step 2: the initial {@code about:blank} page target, or a new one if there is none. */
    PageTarget pageTarget() throws InterruptedException {
        for (JsonNode target : call(null, "Target.getTargets", null).path("targetInfos")) {
            if (target.path("type").asText().equals("page")) {
                return new PageTarget(target.path("targetId").asText(), target.path("url").asText("about:blank"));
            }
        }
        JsonNode created = call(null, "Target.createTarget", CdpJson.object().put("url", "about:blank"));
        return new PageTarget(created.path("targetId").asText(), "about:blank");
    }

    /** Step 3: a flattened session to the page. */
    String attach(PageTarget target) throws InterruptedException {
        ObjectNode params = CdpJson.object().put("targetId", target.targetId()).put("flatten", true);
        return call(null, "Target.attachToTarget", params).path("sessionId").asText();
    }

    /** Steps 4–8, pipelined: sent together, then all awaited. */
    void enableDomains(String sessionId, Viewport viewport) throws InterruptedException {
        Map<String, CompletableFuture<JsonNode>> sent = new LinkedHashMap<>();
        sent.put("Browser.setDownloadBehavior", cdp.send(null, "Browser.setDownloadBehavior",
                CdpJson.object().put("behavior", "deny")));
        sent.put("Page.enable", cdp.send(sessionId, "Page.enable", null));
        sent.put("Page.setLifecycleEventsEnabled", cdp.send(sessionId, "Page.setLifecycleEventsEnabled",
                CdpJson.object().put("enabled", true)));
        for (String domain : new String[] {"DOM", "Accessibility", "Network", "Inspector"}) {
            sent.put(domain + ".enable", cdp.send(sessionId, domain + ".enable", null));
        }
        sent.put("Emulation.setDeviceMetricsOverride", cdp.send(sessionId, "Emulation.setDeviceMetricsOverride",
                Page.metrics(viewport)));
        sent.put("Emulation.setFocusEmulationEnabled", cdp.send(sessionId, "Emulation.setFocusEmulationEnabled",
                CdpJson.object().put("enabled", true)));
        for (Map.Entry<String, CompletableFuture<JsonNode>> command : sent.entrySet()) {
            await(command.getKey(), command.getValue());
        }
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) throws InterruptedException {
        return await(method, cdp.send(sessionId, method, params));
    }

    private JsonNode await(String method, CompletableFuture<JsonNode> future) throws InterruptedException {
        try {
            return cdp.await(method, future, cdp.commandTimeout());
        } catch (CdpException e) {
            throw failed(method, e.cdpMessage());
        } catch (CdpTimeoutException | BrowserLostException e) {
            throw failed(method, e.getMessage());
        }
    }

    private static BrowserLaunchException failed(String method, String error) {
        return new BrowserLaunchException("DevTools set-up failed: " + method + ": " + error);
    }

    record PageTarget(String targetId, String url) {}
}
