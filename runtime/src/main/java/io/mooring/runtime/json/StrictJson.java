package io.mooring.runtime.json;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.exceptions.InvalidFormatException;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The JSON value a field of a request body must hold, read without coercion: a string field takes
 * a JSON string only, a number field a JSON integer in range only, a boolean field {@code true} or
 * {@code false} only. Strings may hold tab, line feed and carriage return (free text) but no other
 * control character (NUL, which Postgres refuses, included).
 */
final class StrictJson {
    private StrictJson() {
    }

    static String string(Decoder decoder) throws InvalidFormatException {
        JsonNode node = decode(decoder);
        if (!node.isString()) {
            throw invalid("must be a JSON string, was " + kind(node), node);
        }
        String value = node.getStringValue();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw invalid("must not contain control characters (found U+%04X)".formatted((int) c), null);
            }
        }
        return value;
    }

    static long integer(Decoder decoder, long min, long max) throws InvalidFormatException {
        JsonNode node = decode(decoder);
        String range = "must be a whole number from " + min + " to " + max;
        if (!node.isNumber()) {
            throw invalid(range + ", was " + kind(node), node);
        }
        Number number = node.getNumberValue();
        BigInteger exact;
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            exact = BigInteger.valueOf(number.longValue());
        } else if (number instanceof BigInteger big) {
            exact = big;
        } else {
            // a JSON number with a fraction or an exponent: never truncated
            throw invalid(range + ", was " + shown(number), number);
        }
        if (exact.compareTo(BigInteger.valueOf(min)) < 0 || exact.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(range + ", was " + shown(exact), exact);
        }
        return exact.longValue();
    }

    static boolean bool(Decoder decoder) throws InvalidFormatException {
        JsonNode node = decode(decoder);
        if (!node.isBoolean()) {
            throw invalid("must be true or false, was " + kind(node), node);
        }
        return node.getBooleanValue();
    }

    private static JsonNode decode(Decoder decoder) throws InvalidFormatException {
        try {
            return decoder.decodeNode();
        } catch (InvalidFormatException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            // a number too large for a double (1e400) fails while it is read
            throw invalid("is not a value this field can hold", null);
        }
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private static String kind(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "the number " + shown(node.getNumberValue());
        }
        if (node.isBoolean()) {
            return String.valueOf(node.getBooleanValue());
        }
        return node.isArray() ? "an array" : "an object";
    }

    private static String shown(Number number) {
        String text = number instanceof BigDecimal decimal ? decimal.toString() : String.valueOf(number);
        return text.length() > 30 ? text.substring(0, 30) + "..." : text;
    }

    private static InvalidFormatException invalid(String message, Object value) {
        return new InvalidFormatException(message, null, value);
    }
}
