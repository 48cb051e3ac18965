package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentd.browser.cdp.CdpClient;
import dev.agentd.browser.cdp.CdpJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers JavaScript dialogs the moment they open (browser §5.5): {@code alert} and
 * {@code beforeunload} are accepted, {@code confirm} and {@code prompt} dismissed. A page blocked
 * on a dialog would otherwise stall every later command. Each answer is recorded for the step
 * that is running.
 */
public final class Dialogs {
    private final List<Dialog> recorded = new ArrayList<>();

    public void listen(CdpClient cdp, String sessionId) {
        cdp.onEvent(sessionId, "Page.javascriptDialogOpening", params -> answer(cdp, sessionId, params));
    }

    /** The dialogs recorded since the last call, which empties the record. */
    public synchronized List<Dialog> drain() {
        List<Dialog> drained = List.copyOf(recorded);
        recorded.clear();
        return drained;
    }

    private void answer(CdpClient cdp, String sessionId, JsonNode params) {
        String type = params.path("type").asText();
        boolean accept = type.equals("alert") || type.equals("beforeunload");
        cdp.send(sessionId, "Page.handleJavaScriptDialog", CdpJson.object().put("accept", accept));
        synchronized (this) {
            recorded.add(new Dialog(type, params.path("message").asText(), accept));
        }
    }
}
