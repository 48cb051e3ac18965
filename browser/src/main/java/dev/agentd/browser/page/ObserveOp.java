package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.script.Step;
import dev.agentd.protocol.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code observe} (browser §6.1): the accessibility tree of the main frame, one
 * {@code DOM.getBoxModel} per candidate issued concurrently, numbered survivors, and the new
 * element map.
 */
public final class ObserveOp {
    private ObserveOp() {}

    public static ObjectNode run(Page page, Step.Observe step) throws StepFailure, InterruptedException {
        long invalidationsBefore = page.maps().invalidations();
        AxWalk walk = AxWalk.of(fullAxTree(page));
        Map<Long, JsonNode> boxModels = boxModels(page, walk.candidates());
        Viewport viewport = page.viewport();
        Observation observation = Observation.build(page.maps().nextMapId(), walk.candidates(), boxModels, viewport,
                step.maxElements());
        page.maps().install(observation.map(), invalidationsBefore);
        Page.PageInfo info = page.info();
        ObjectNode result = Results.object().put("map_id", observation.map().mapId())
                .put("url", info.url()).put("title", info.title());
        result.putObject("viewport").put("width", viewport.width()).put("height", viewport.height());
        result.set("elements", Json.mapper().valueToTree(observation.elements()));
        result.put("compact", observation.compact())
                .put("content_hash", observation.contentHash())
                .put("truncated", observation.truncated());
        if (!step.interactiveOnly()) {
            List<TextBlock> blocks = walk.textBlocks();
            result.set("text_blocks", Json.mapper().valueToTree(blocks.subList(0, Math.min(blocks.size(), step.maxElements()))));
        }
        if (step.includeScreenshot()) {
            result.put("screenshot_png_base64", ScreenshotOp.capture(page, false).base64());
        }
        if (step.ocr()) {
            result.put("ocr", "unsupported");
        }
        return result;
    }

    /** {@code Accessibility.getFullAXTree} of the main frame; a CDP error is {@code accessibility_failed}. */
    static JsonNode fullAxTree(Page page) throws StepFailure, InterruptedException {
        try {
            return page.call("Accessibility.getFullAXTree", CdpJson.object());
        } catch (CdpException e) {
            throw new StepFailure(ErrorKind.ACCESSIBILITY_FAILED, e.getMessage());
        }
    }

    private static Map<Long, JsonNode> boxModels(Page page, List<AxCandidate> candidates) throws InterruptedException {
        Map<Long, CompletableFuture<JsonNode>> pending = new LinkedHashMap<>();
        for (AxCandidate candidate : candidates) {
            pending.computeIfAbsent(candidate.backendNodeId(), id ->
                    page.send("DOM.getBoxModel", CdpJson.object().put("backendNodeId", id)));
        }
        Map<Long, JsonNode> boxModels = new HashMap<>();
        for (Map.Entry<Long, CompletableFuture<JsonNode>> entry : pending.entrySet()) {
            try {
                boxModels.put(entry.getKey(), page.cdp().await("DOM.getBoxModel", entry.getValue(),
                        page.cdp().commandTimeout()));
            } catch (CdpException e) {
                // no box: the candidate is dropped (§6.1 step 4)
            }
        }
        return boxModels;
    }
}
