package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.script.Step;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * {@code screenshot} (browser §7.3): a PNG of the viewport, or of the whole page clipped to the
 * CSS content size (height capped at 16 384). Width and height are read from the PNG header, so
 * they are what the image really is.
 */
public final class ScreenshotOp {
    static final int MAX_FULL_PAGE_HEIGHT = 16_384;
    static final int MAX_BASE64_CHARS = 8 * 1024 * 1024;

    private ScreenshotOp() {}

    public static ObjectNode run(Page page, Step.Screenshot step) throws StepFailure, InterruptedException {
        Png png = capture(page, step.fullPage());
        return Results.object().put("png_base64", png.base64()).put("width", png.width()).put("height", png.height());
    }

    static Png capture(Page page, boolean fullPage) throws StepFailure, InterruptedException {
        ObjectNode params = CdpJson.object().put("format", "png");
        if (fullPage) {
            JsonNode size = page.call("Page.getLayoutMetrics", CdpJson.object()).path("cssContentSize");
            params.put("captureBeyondViewport", true);
            params.putObject("clip").put("x", 0).put("y", 0)
                    .put("width", Math.ceil(size.path("width").asDouble()))
                    .put("height", Math.min(MAX_FULL_PAGE_HEIGHT, Math.ceil(size.path("height").asDouble())))
                    .put("scale", 1);
        }
        String base64;
        try {
            base64 = page.call("Page.captureScreenshot", params).path("data").asText("");
        } catch (CdpException e) {
            throw new StepFailure(ErrorKind.SCREENSHOT_FAILED, e.getMessage());
        }
        if (base64.length() > MAX_BASE64_CHARS) {
            throw new StepFailure(ErrorKind.SCREENSHOT_FAILED, "too large: " + base64.length() + " base64 characters (limit "
                    + MAX_BASE64_CHARS + ")");
        }
        return Png.of(base64);
    }

    /** A base64 PNG and the size from its IHDR chunk. */
    record Png(String base64, int width, int height) {
        private static final int IHDR_END = 24;

        static Png of(String base64) throws StepFailure {
            byte[] head;
            try {
                head = Base64.getDecoder().decode(base64.substring(0, Math.min(base64.length(), 32)));
            } catch (IllegalArgumentException e) {
                head = new byte[0];
            }
            if (head.length < IHDR_END || head[1] != 'P' || head[2] != 'N' || head[3] != 'G') {
                throw new StepFailure(ErrorKind.SCREENSHOT_FAILED, "the browser did not return a PNG");
            }
            ByteBuffer buffer = ByteBuffer.wrap(head);
            return new Png(base64, buffer.getInt(16), buffer.getInt(20));
        }
    }
}
