package dev.agentd.memgine;

import dev.agentd.memgine.graph.EnvironmentEntry;
import dev.agentd.memgine.graph.Identity;
import dev.agentd.memgine.graph.Turn;

/** The explicit-id rule of memory §2.3. */
public final class FactIds {
    public static final int MAX_LENGTH = 128;
    /** Ids of the per-session status slot (§3.6); never graph nodes. */
    public static final String STATUS_PREFIX = "proactive-status:";

    private FactIds() {}

    /** Throws {@code invalid params: id …} unless {@code id} may name a fact. */
    public static void checkExplicit(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            throw MemoryException.invalidParams("id must be 1.." + MAX_LENGTH + " chars");
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isIdChar(id.charAt(i))) {
                throw MemoryException.invalidParams("id must use only the characters [A-Za-z0-9._:/@+-]");
            }
        }
        if (id.equals(Identity.ID)) {
            throw MemoryException.invalidParams("id 'identity' is reserved");
        }
        for (String prefix : new String[] {Turn.ID_PREFIX, EnvironmentEntry.ID_PREFIX, STATUS_PREFIX}) {
            if (id.startsWith(prefix)) {
                throw MemoryException.invalidParams("id must not start with '" + prefix + "'");
            }
        }
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '/' || c == '@' || c == '+' || c == '-';
    }
}
