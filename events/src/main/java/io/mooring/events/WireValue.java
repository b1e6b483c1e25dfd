package io.mooring.events;

import java.util.Arrays;
import java.util.List;

/**
 * An enum whose constants travel as fixed strings. Event records keep such fields as
 * {@code String} (the wire name) and check them with {@link #parse}.
 */
public interface WireValue {

    /** The value as it appears in JSON. */
    String wireName();

    /** The constant whose wire name is {@code value}, or an {@link IllegalArgumentException} naming the field. */
    static <E extends Enum<E> & WireValue> E parse(Class<E> type, String value, String field) {
        Require.text(value, field);
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + wireNames(type) + ", was '" + value + "'");
    }

    static <E extends Enum<E> & WireValue> List<String> wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wireName).toList();
    }
}
