package io.tessera.catalog.cli;

import com.fasterxml.jackson.core.JsonParser;
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
        if (text.isBlank()) {
            throw new IllegalArgumentException(argument + ": the value is empty; give JSON, e.g. '{\"a\": 1}', '\"text\"' or 'null'");
        }
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonNode value = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(argument + ": not valid JSON: text after the value at column "
                        + p.currentLocation().getColumnNr() + "; quote the whole value as one argument");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(argument + ": not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(argument + ": cannot read the value: " + e.getMessage(), e);
        }
    }
}
