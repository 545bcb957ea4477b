package io.tessera.catalog.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON as the CLI prints and takes it. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Indented JSON text. */
    static String pretty(JsonNode n) throws JsonProcessingException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    }

    /** An empty object to fill. */
    static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses an argument.
     *
     * @throws IllegalArgumentException naming the argument when it is not JSON
     */
    static JsonNode parse(String text, String argument) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(argument + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
