package dev.agentd.browser.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentd.browser.cdp.CdpException;
import dev.agentd.browser.cdp.CdpJson;
import dev.agentd.browser.script.Key;
import dev.agentd.browser.script.Modifier;
import java.util.List;

/** Mouse and keyboard input through {@code Input.*} (browser §7.3); a rejection is {@code input_failed}. */
final class Input {
    private Input() {}

    static void click(Page page, double x, double y) throws StepFailure, InterruptedException {
        dispatchMouse(page, mouse("mouseMoved", x, y));
        dispatchMouse(page, mouse("mousePressed", x, y).put("button", "left").put("clickCount", 1));
        dispatchMouse(page, mouse("mouseReleased", x, y).put("button", "left").put("clickCount", 1));
    }

    static void wheel(Page page, double x, double y, double deltaX, double deltaY) throws StepFailure, InterruptedException {
        ObjectNode event = mouse("mouseWheel", x, y);
        Results.putNumber(event, "deltaX", deltaX);
        dispatchMouse(page, Results.putNumber(event, "deltaY", deltaY));
    }

    /**
     * {@code rawKeyDown} per modifier, the key ({@code keyDown} with text when it prints and no
     * control, alt or meta is held, else {@code rawKeyDown}), its {@code keyUp}, then the
     * modifiers' {@code keyUp}s in reverse order.
     */
    static void press(Page page, Key key, List<Modifier> modifiers) throws StepFailure, InterruptedException {
        int bits = 0;
        for (Modifier modifier : modifiers) {
            bits |= modifier.bit();
            dispatchKey(page, modifierEvent("rawKeyDown", modifier, bits));
        }
        boolean typesText = key.printable() && modifiers.stream().allMatch(m -> m == Modifier.SHIFT);
        ObjectNode down = keyEvent(typesText ? "keyDown" : "rawKeyDown", key, bits);
        if (typesText) {
            down.put("text", key.text()).put("unmodifiedText", key.text());
        }
        dispatchKey(page, down);
        dispatchKey(page, keyEvent("keyUp", key, bits));
        for (int i = modifiers.size() - 1; i >= 0; i--) {
            bits &= ~modifiers.get(i).bit();
            dispatchKey(page, modifierEvent("keyUp", modifiers.get(i), bits));
        }
    }

    /** Ctrl+A as the editing command {@code selectAll}, then Backspace. */
    static void clearField(Page page) throws StepFailure, InterruptedException {
        Key a = Key.parse("a").orElseThrow();
        ObjectNode selectAll = keyEvent("rawKeyDown", a, Modifier.CONTROL.bit());
        selectAll.putArray("commands").add("selectAll");
        dispatchKey(page, selectAll);
        dispatchKey(page, keyEvent("keyUp", a, Modifier.CONTROL.bit()));
        press(page, Key.parse("Backspace").orElseThrow(), List.of());
    }

    static void insertText(Page page, String text) throws StepFailure, InterruptedException {
        dispatch(page, "Input.insertText", CdpJson.object().put("text", text));
    }

    private static ObjectNode mouse(String type, double x, double y) {
        ObjectNode event = CdpJson.object().put("type", type);
        Results.putNumber(event, "x", x);
        return Results.putNumber(event, "y", y);
    }

    private static ObjectNode keyEvent(String type, Key key, int modifiers) {
        return CdpJson.object().put("type", type).put("key", key.key()).put("code", key.code())
                .put("windowsVirtualKeyCode", key.virtualKeyCode()).put("modifiers", modifiers);
    }

    private static ObjectNode modifierEvent(String type, Modifier modifier, int modifiers) {
        return CdpJson.object().put("type", type).put("key", modifier.key()).put("code", modifier.code())
                .put("windowsVirtualKeyCode", modifier.virtualKeyCode()).put("modifiers", modifiers);
    }

    private static void dispatchMouse(Page page, ObjectNode event) throws StepFailure, InterruptedException {
        dispatch(page, "Input.dispatchMouseEvent", event);
    }

    private static void dispatchKey(Page page, ObjectNode event) throws StepFailure, InterruptedException {
        dispatch(page, "Input.dispatchKeyEvent", event);
    }

    private static void dispatch(Page page, String method, ObjectNode params) throws StepFailure, InterruptedException {
        try {
            page.call(method, params);
        } catch (CdpException e) {
            throw new StepFailure(ErrorKind.INPUT_FAILED, e.getMessage());
        }
    }
}
