package dev.agentd.browser.script;

/**
 * A {@code wait} condition (browser §7.3) with its companion field.
 *
 * @param kind         which condition
 * @param fromUrl      {@code url_changed}: the URL to move away from, or null for "the URL at the
 *                     end of the previous step"
 * @param text         {@code text}: the substring some accessible name must contain
 * @param nameContains {@code element}: the substring of the element's name
 * @param role         {@code element}: the role it must have, or null for any
 */
public record WaitCondition(Kind kind, String fromUrl, String text, String nameContains, String role) {
    public enum Kind {
        PAGE_LOADED("page_loaded"), URL_CHANGED("url_changed"), TEXT("text"), ELEMENT("element");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
