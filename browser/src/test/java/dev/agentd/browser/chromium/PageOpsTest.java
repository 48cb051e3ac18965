package dev.agentd.browser.chromium;

import static dev.agentd.browser.testing.BrowserHarness.run;
import static dev.agentd.browser.testing.Steps.click;
import static dev.agentd.browser.testing.Steps.extract;
import static dev.agentd.browser.testing.Steps.idOf;
import static dev.agentd.browser.testing.Steps.navigate;
import static dev.agentd.browser.testing.Steps.observe;
import static dev.agentd.browser.testing.Steps.okResult;
import static dev.agentd.browser.testing.Steps.params;
import static dev.agentd.browser.testing.Steps.step;
import static dev.agentd.browser.testing.Steps.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.BrowserSlot;
import dev.agentd.browser.testing.BrowserHarness;
import dev.agentd.browser.testing.RequiresChromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scroll, screenshot, large pages, cookies, keys and extraction (browser §7.3; checks 26–29). */
@RequiresChromium
class PageOpsTest {
    @RegisterExtension
    static final BrowserHarness browser = new BrowserHarness();

    private final BrowserSlot slot = browser.sharedSlot();

    @Test
    void scrollThenClickAtTheBottom() throws Exception {
        JsonNode trace = run(slot, params(navigate(browser.url("/tall.html")), step("scroll").put("dy", 2000), observe()));
        assertThat(okResult(trace, 1).path("scroll_y").asLong()).isGreaterThanOrEqualTo(1900);
        JsonNode page = okResult(trace, 2);
        JsonNode bottom = run(slot, params(click(idOf(page, "button", "Bottom"))));
        assertThat(bottom.path("ok").asBoolean()).as(bottom.toString()).isTrue();
        JsonNode atEnd = run(slot, params(observe()));
        JsonNode button = okResult(atEnd, 0).path("elements").get(0);
        assertThat(button.path("states")).extracting(JsonNode::asText).doesNotContain("offscreen");
    }

    @Test
    void screenshotsAreRealPngs() throws Exception {
        JsonNode trace = run(slot, params(navigate(browser.url("/form.html")), step("screenshot")));
        JsonNode shot = okResult(trace, 1);
        assertThat(shot.path("width").asInt()).isEqualTo(1280);
        assertThat(shot.path("height").asInt()).isEqualTo(720);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(shot.path("png_base64").asText())));
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(720);

        JsonNode full = okResult(run(slot, params(navigate(browser.url("/tall.html")),
                step("screenshot").put("full_page", true))), 1);
        assertThat(full.path("height").asInt()).isGreaterThanOrEqualTo(5000);
        byte[] header = Base64.getDecoder().decode(full.path("png_base64").asText().substring(0, 32));
        assertThat(ByteBuffer.wrap(header).getInt(20)).isEqualTo(full.path("height").asInt());
    }

    @Test
    void observeCapsLargePages() throws Exception {
        JsonNode trace = run(slot, params(navigate(browser.url("/many.html")), step("observe").put("max_elements", 100)));
        JsonNode observation = okResult(trace, 1);
        assertThat(observation.path("elements")).hasSize(100);
        assertThat(observation.path("truncated").asBoolean()).isTrue();
        assertThat(observation.path("elements").get(99).path("id").asText()).isEqualTo("el_99");
    }

    @Test
    void cookiesReachTheServer() throws Exception {
        ObjectNode cookies = step("set_cookies");
        cookies.putArray("cookies").addObject().put("name", "k").put("value", "v").put("url", browser.web().origin());
        JsonNode trace = run(slot, params(cookies, navigate(browser.url("/echo-cookies")), extract()));
        assertThat(okResult(trace, 0).path("count").asInt()).isEqualTo(1);
        assertThat(okResult(trace, 2).path("text").asText()).contains("k=v");
    }

    @Test
    void keysClearAndSubmit() throws Exception {
        JsonNode form = okResult(run(slot, params(navigate(browser.url("/form.html")), observe())), 1);
        String name = idOf(form, "textbox", "Name");
        JsonNode trace = run(slot, params(
                type(name, "Grace"),
                step("keypress").put("key", "Backspace"),
                step("keypress").put("key", "A").put("settle_ms", 0),
                type(name, "Ada").put("clear", true).put("submit", true)));
        assertThat(trace.path("ok").asBoolean()).as(trace.toString()).isTrue();
        assertThat(okResult(trace, 3).path("navigated").asBoolean()).isTrue();
        assertThat(trace.path("final_url").asText()).contains("name=Ada&");
        assertThat(okResult(trace, 1).toString()).contains("\"key\":\"Backspace\"", "\"modifiers\":[]");
    }

    @Test
    void extractTruncatesAndObserveOffersTextBlocksScreenshotAndOcr() throws Exception {
        JsonNode trace = run(slot, params(navigate(browser.url("/page2.html")), extract().put("max_chars", 4),
                step("observe").put("interactive_only", false).put("include_screenshot", true).put("ocr", true)));
        JsonNode text = okResult(trace, 1);
        assertThat(text.path("text").asText()).isEqualTo("Page");
        assertThat(text.path("truncated").asBoolean()).isTrue();
        assertThat(text.path("length").asInt()).isGreaterThan(4);
        JsonNode observation = okResult(trace, 2);
        assertThat(observation.path("text_blocks").toString()).contains("{\"role\":\"heading\",\"name\":\"Page 2\",\"level\":1}");
        assertThat(observation.path("screenshot_png_base64").asText()).startsWith("iVBORw0KGgo");
        assertThat(observation.path("ocr").asText()).isEqualTo("unsupported");
    }
}
