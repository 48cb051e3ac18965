package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.script.Cookie;
import dev.agentd.browser.script.Step;

/** {@code set_cookies} (browser §7.3): one {@code Network.setCookies}, typically before navigating. */
public final class SetCookiesOp {
    private SetCookiesOp() {}

    public static ObjectNode run(Page page, Step.SetCookies step) throws InterruptedException {
        ObjectNode params = CdpJson.object();
        ArrayNode cookies = params.putArray("cookies");
        step.cookies().forEach(cookie -> cookies.add(toCdp(cookie)));
        page.call("Network.setCookies", params);
        return Results.object().put("count", step.cookies().size());
    }

    private static ObjectNode toCdp(Cookie cookie) {
        ObjectNode node = CdpJson.object().put("name", cookie.name()).put("value", cookie.value());
        putIfPresent(node, "url", cookie.url());
        putIfPresent(node, "domain", cookie.domain());
        putIfPresent(node, "path", cookie.path());
        putIfPresent(node, "sameSite", cookie.sameSite());
        if (cookie.secure() != null) {
            node.put("secure", cookie.secure());
        }
        if (cookie.httpOnly() != null) {
            node.put("httpOnly", cookie.httpOnly());
        }
        if (cookie.expires() != null) {
            node.put("expires", cookie.expires());
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
