package dev.agentd.browser.script;

import java.util.List;

/** One validated script step (browser §7.3). {@link #op()} is the name echoed in the trace. */
public sealed interface Step {
    String op();

    StepOptions options();

    /** The per-op default {@code timeout_ms} (browser §5.6) for steps that set none. */
    default int defaultTimeoutMs() {
        return 30_000;
    }

    record Navigate(String url, StepOptions options) implements Step {
        public String op() {
            return "navigate";
        }
    }

    record Observe(boolean includeScreenshot, boolean interactiveOnly, int maxElements, boolean ocr,
            StepOptions options) implements Step {
        public static final int DEFAULT_MAX_ELEMENTS = 1000;

        public String op() {
            return "observe";
        }
    }

    /** Either {@code elementId}, or both {@code x} and {@code y}. */
    record Click(String elementId, Double x, Double y, StepOptions options) implements Step {
        public String op() {
            return "click";
        }
    }

    record Type(String text, String elementId, boolean clear, boolean submit, StepOptions options) implements Step {
        public String op() {
            return "type";
        }
    }

    record Keypress(Key key, List<Modifier> modifiers, StepOptions options) implements Step {
        public Keypress {
            modifiers = List.copyOf(modifiers);
        }

        public String op() {
            return "keypress";
        }
    }

    record Scroll(double deltaX, double deltaY, String elementId, StepOptions options) implements Step {
        public String op() {
            return "scroll";
        }
    }

    /** Either a {@code condition} or a plain sleep of {@code ms}. */
    record Wait(WaitCondition condition, Integer ms, StepOptions options) implements Step {
        public String op() {
            return "wait";
        }

        @Override
        public int defaultTimeoutMs() {
            return 5_000;
        }
    }

    record Screenshot(boolean fullPage, StepOptions options) implements Step {
        public String op() {
            return "screenshot";
        }
    }

    record Extract(String elementId, int maxChars, StepOptions options) implements Step {
        public static final int DEFAULT_MAX_CHARS = 100_000;

        public String op() {
            return "extract";
        }
    }

    record SetCookies(List<Cookie> cookies, StepOptions options) implements Step {
        public SetCookies {
            cookies = List.copyOf(cookies);
        }

        public String op() {
            return "set_cookies";
        }
    }

    /** An op name we do not know: valid, but it fails at run time with {@code unsupported}. */
    record Unsupported(String op, StepOptions options) implements Step {}
}
