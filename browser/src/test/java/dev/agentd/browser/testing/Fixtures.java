package dev.agentd.browser.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code getFullAXTree} and {@code DOM.getBoxModel} answers captured from Chromium on the test
 * pages ({@code src/test/resources/fixtures/<page>-axtree.json} and {@code -boxmodels.json}; a
 * box model that failed is stored as {@code {"error": message}}).
 */
public final class Fixtures {
    private Fixtures() {}

    public static ObjectNode axTree(String page) {
        return (ObjectNode) read("/fixtures/" + page + "-axtree.json");
    }

    /** Box models by backend node id, including the captured errors. */
    public static ObjectNode boxModelAnswers(String page) {
        return (ObjectNode) read("/fixtures/" + page + "-boxmodels.json");
    }

    /** Only the successful box models, as observe collects them. */
    public static Map<Long, JsonNode> boxModels(String page) {
        Map<Long, JsonNode> boxes = new HashMap<>();
        ObjectNode answers = boxModelAnswers(page);
        for (Map.Entry<String, JsonNode> entry : answers.properties()) {
            if (!entry.getValue().has("error")) {
                boxes.put(Long.parseLong(entry.getKey()), entry.getValue());
            }
        }
        return boxes;
    }

    /** Makes {@code fake} answer observe's commands from the fixtures of {@code page}. */
    public static void serve(FakeCdpBrowser fake, String page) {
        ObjectNode tree = axTree(page);
        ObjectNode boxes = boxModelAnswers(page);
        fake.answer("Accessibility.getFullAXTree", params -> tree);
        fake.answerWith("DOM.getBoxModel", params -> boxAnswer(boxes, params));
    }

    public static FakeCdpBrowser.Answer boxAnswer(ObjectNode boxes, JsonNode params) {
        JsonNode box = boxes.path(params.path("backendNodeId").asText());
        if (box.isMissingNode()) {
            return FakeCdpBrowser.Answer.error("No node with given id found");
        }
        if (box.has("error")) {
            return FakeCdpBrowser.Answer.error(box.path("error").asText());
        }
        return new FakeCdpBrowser.Answer(box, null, false);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
