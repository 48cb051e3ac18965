package dev.agentd.daemon.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the object schemas of the tools (mcp §12.1) from the keywords that draft-07 and 2020-12
 * share: {@code type}, {@code properties}, {@code required}, {@code items}, {@code minimum},
 * {@code maximum}, {@code minLength}, {@code default}, {@code description}. The same nodes drive
 * {@link ArgumentValidator}, so what a tool declares is exactly what it enforces.
 */
final class SchemaBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode properties = NODES.objectNode();
    private final ArrayNode required = NODES.arrayNode();
    private final boolean closed;

    private SchemaBuilder(boolean closed) {
        this.closed = closed;
    }

    /** An input schema: {@code additionalProperties:false}. */
    static SchemaBuilder input() {
        return new SchemaBuilder(true);
    }

    /** An output schema: describes the result without closing it. */
    static SchemaBuilder output() {
        return new SchemaBuilder(false);
    }

    SchemaBuilder required(String name, Property property) {
        required.add(name);
        return optional(name, property);
    }

    SchemaBuilder optional(String name, Property property) {
        properties.set(name, property.node);
        return this;
    }

    /** Keys in the order of the spec's example (mcp §12.2); an empty {@code required} is left out. */
    ObjectNode build() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        if (closed) {
            schema.put("additionalProperties", false);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.set("properties", properties);
        return schema;
    }

    static Property string() {
        return new Property("string");
    }

    static Property integer() {
        return new Property("integer");
    }

    static Property number() {
        return new Property("number");
    }

    static Property bool() {
        return new Property("boolean");
    }

    static Property stringArray() {
        return arrayOf(string());
    }

    /** A string that may be {@code null} in a result, e.g. the {@code kind} of a delete that matched nothing. */
    static Property nullableString() {
        Property property = new Property(null);
        property.node.set("type", NODES.arrayNode().add("string").add("null"));
        return property;
    }

    /** An object property of an output schema. */
    static Property object(SchemaBuilder shape) {
        Property property = new Property(null);
        property.node.setAll(shape.build());
        return property;
    }

    static Property arrayOf(Property items) {
        Property array = new Property("array");
        array.node.set("items", items.node);
        return array;
    }

    /** One property's schema; call the keyword methods in the order they should appear. */
    static final class Property {
        private final ObjectNode node = NODES.objectNode();

        private Property(String type) {
            if (type != null) {
                node.put("type", type);
            }
        }

        Property minLength(int value) {
            node.put("minLength", value);
            return this;
        }

        Property minimum(long value) {
            node.put("minimum", value);
            return this;
        }

        Property maximum(long value) {
            node.put("maximum", value);
            return this;
        }

        Property defaultValue(String value) {
            node.put("default", value);
            return this;
        }

        Property defaultValue(long value) {
            node.put("default", value);
            return this;
        }

        Property defaultValue(boolean value) {
            node.put("default", value);
            return this;
        }

        Property description(String text) {
            node.put("description", text);
            return this;
        }
    }
}
