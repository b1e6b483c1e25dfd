package io.mooring.provisioner.resource.driver;

import java.nio.charset.StandardCharsets;

/**
 * Quoting for SQL that cannot take bind parameters (DDL such as {@code CREATE ROLE}). Quoted
 * identifiers keep their case and any character; names longer than PostgreSQL's 63 bytes are refused
 * rather than silently truncated (truncation could make two names collide).
 */
public final class SqlIdentifiers {
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private SqlIdentifiers() {
    }

    /** {@code "name"} with embedded double quotes doubled. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier must not contain NUL");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException("an SQL identifier must be at most " + MAX_IDENTIFIER_BYTES + " bytes: " + name);
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code 'text'} with embedded single quotes doubled; text with backslashes becomes an escape
     * string ({@code E'...'}, backslashes doubled), so it reads the same whatever
     * {@code standard_conforming_strings} is.
     */
    public static String literal(String text) {
        if (text == null) {
            throw new IllegalArgumentException("an SQL literal must not be null");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL literal must not contain NUL");
        }
        String quoted = text.replace("'", "''");
        if (text.indexOf('\\') >= 0) {
            return "E'" + quoted.replace("\\", "\\\\") + "'";
        }
        return "'" + quoted + "'";
    }
}
