package dev.agentd.memgine.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Describes a JSON syntax error by where it is, never by what the file says there: Jackson's own
 * messages quote the offending text ("Unrecognized token 'abc'"), and error messages never carry
 * file contents (core §10) — {@code memory.load} can be pointed at any file in its sandbox.
 */
final class JsonSyntax {
    private JsonSyntax() {}

    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return "not valid JSON";
        }
        return "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
