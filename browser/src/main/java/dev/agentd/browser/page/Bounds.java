package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** An element's axis-aligned box in CSS px relative to the viewport's top-left (browser §6.1). */
public record Bounds(int x, int y, int width, int height) {

    /**
     * The box of a {@code DOM.getBoxModel} result's content quad, rounded to integers; empty when
     * the quad has zero width or height.
     */
    public static Optional<Bounds> ofBoxModel(JsonNode boxModelResult) {
        JsonNode quad = boxModelResult.path("model").path("content");
        if (!quad.isArray() || quad.size() != 8) {
            return Optional.empty();
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 8; i += 2) {
            minX = Math.min(minX, quad.get(i).asDouble());
            maxX = Math.max(maxX, quad.get(i).asDouble());
            minY = Math.min(minY, quad.get(i + 1).asDouble());
            maxY = Math.max(maxY, quad.get(i + 1).asDouble());
        }
        if (maxX - minX <= 0 || maxY - minY <= 0) {
            return Optional.empty();
        }
        int left = (int) Math.round(minX);
        int top = (int) Math.round(minY);
        return Optional.of(new Bounds(left, top, (int) Math.round(maxX) - left, (int) Math.round(maxY) - top));
    }

    public int centerX() {
        return x + width / 2;
    }

    public int centerY() {
        return y + height / 2;
    }

    public boolean intersects(Viewport viewport) {
        return x + width > 0 && y + height > 0 && x < viewport.width() && y < viewport.height();
    }
}
