package io.mooring.monitor.probe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on the JSON body of an HTTP answer (Jayway JsonPath): the value at {@code jsonPath}
 * exists (or, with {@code exists} false, does not), equals or does not equal a text, or is a number
 * greater or less than a bound. Exactly one test is given. A path that selects several values
 * ({@code $..status}, filters) passes when it selects at least one and each passes.
 */
public record JsonCondition(String jsonPath, String equals, String notEquals, Boolean exists,
                            BigDecimal greaterThan, BigDecimal lessThan) {

    static final int MAX_PATH = 1024;

    private static final Configuration STRICT_JSON = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider(new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)))
            .mappingProvider(new JacksonMappingProvider())
            .options(Set.<Option>of())
            .build();

    /** @throws InvalidSetting naming {@code jsonCondition.<field>} */
    public JsonCondition {
        if (jsonPath == null || jsonPath.isBlank() || jsonPath.length() > MAX_PATH) {
            throw new InvalidSetting("jsonCondition.jsonPath", "must be a JSONPath of 1.." + MAX_PATH + " characters such as $.status");
        }
        try {
            JsonPath.compile(jsonPath);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new InvalidSetting("jsonCondition.jsonPath", "is not a JSONPath: " + e.getMessage());
        }
        long tests = java.util.stream.Stream.of(equals, notEquals, exists, greaterThan, lessThan).filter(Objects::nonNull).count();
        if (tests != 1) {
            throw new InvalidSetting("jsonCondition", "needs exactly one of equals, notEquals, exists, greaterThan, lessThan; "
                    + tests + " given");
        }
    }

    /** Null when {@code body} meets the condition; otherwise why not, in an operator's words. */
    String failure(String body) {
        Object document;
        try {
            document = STRICT_JSON.jsonProvider().parse(body);
        } catch (RuntimeException e) {
            return "body is not JSON";
        }
        Object found;
        try {
            found = JsonPath.using(STRICT_JSON).parse(document).read(jsonPath);
        } catch (PathNotFoundException e) {
            return Boolean.FALSE.equals(exists) ? null : jsonPath + " not found in the body";
        } catch (RuntimeException e) {
            return jsonPath + " cannot be read: " + e.getMessage();
        }
        boolean indefinite = !JsonPath.compile(jsonPath).isDefinite();
        List<?> values = indefinite && found instanceof List<?> list ? list : java.util.Collections.singletonList(found);
        if (exists != null) {
            boolean present = !values.isEmpty();
            return present == exists ? null : jsonPath + (present ? " is present" : " not found in the body");
        }
        if (values.isEmpty()) {
            return jsonPath + " selects nothing in the body";
        }
        for (Object value : values) {
            String failure = failureOf(value);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private String failureOf(Object value) {
        if (equals != null) {
            return same(value, equals) ? null : jsonPath + " is " + shown(value) + ", expected " + equals;
        }
        if (notEquals != null) {
            return same(value, notEquals) ? jsonPath + " is " + notEquals : null;
        }
        BigDecimal number = number(value);
        if (number == null) {
            return jsonPath + " is " + shown(value) + ", not a number";
        }
        if (greaterThan != null) {
            return number.compareTo(greaterThan) > 0 ? null : jsonPath + " is " + number.toPlainString()
                    + ", expected more than " + greaterThan.toPlainString();
        }
        return number.compareTo(lessThan) < 0 ? null : jsonPath + " is " + number.toPlainString()
                + ", expected less than " + lessThan.toPlainString();
    }

    /** A number equals a text that is the same number (200, 200.0); anything else compares as text. */
    private static boolean same(Object value, String expected) {
        BigDecimal number = number(value);
        if (number != null) {
            try {
                return number.compareTo(new BigDecimal(expected)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return String.valueOf(value).equals(expected);
    }

    private static BigDecimal number(Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case java.math.BigInteger b -> new BigDecimal(b);
            case Double d -> BigDecimal.valueOf(d);
            case null, default -> null;
        };
    }

    private static String shown(Object value) {
        String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        text = text.length() > 100 ? text.substring(0, 100) + "…" : text;
        // the target's text goes into a stored reason: no control characters (NUL above all)
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
