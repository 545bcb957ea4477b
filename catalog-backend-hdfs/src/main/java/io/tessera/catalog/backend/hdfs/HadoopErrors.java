package io.tessera.catalog.backend.hdfs;

import java.util.regex.Pattern;

/**
 * Hadoop's error messages in words: its client writes exception class names, remote stack traces
 * and links to its wiki into them, which a user of the catalog is not to read.
 */
final class HadoopErrors {

    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*");
    private static final Pattern WIKI = Pattern.compile(";?\\s*For more details see:.*$");

    private HadoopErrors() {
    }

    /** The first line of the message without class names or wiki links. */
    static String reason(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "input/output error";
        }
        String line = m.lines().findFirst().orElse(m);
        line = WIKI.matcher(CLASS_NAME.matcher(line).replaceAll("")).replaceAll("").trim();
        return line.isEmpty() ? "input/output error" : line;
    }
}
