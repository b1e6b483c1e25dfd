package io.mooring.runtime.http;

import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) body, read by hand: a bound record cannot tell a member set to null from one left
 * out, so the patch is read both as the record and as the set of members it holds.
 *
 * @param value   the body as the record (members left out and members set to null are both null here)
 * @param members the members the body holds, nested ones as {@code delivery.burst}
 */
public record MergePatch<T>(T value, Set<String> members) {
    public static final String MEDIA_TYPE = "application/merge-patch+json";

    public MergePatch {
        members = Set.copyOf(members);
    }

    /**
     * Reads {@code body} as a patch of {@code type}. Not JSON is the framework's 400; not an object, or a member that
     * is no field of {@code type} or has the wrong type, a 400 problem naming it ({@code delivery.burst}).
     */
    public static <T> MergePatch<T> read(JsonMapper json, String body, Class<T> type) {
        Argument<Map<String, Object>> objectType = Argument.mapOf(String.class, Object.class);
        Map<String, Object> object;
        try {
            object = json.readValue(body, objectType);
        } catch (IOException e) {
            throw new ConversionErrorException(objectType, e);
        }
        if (object == null) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw wrongMember(json, object, type);
        }
        Set<String> members = new HashSet<>();
        object.forEach((name, member) -> {
            members.add(name);
            if (member instanceof Map<?, ?> nested) {
                nested.keySet().forEach(inner -> members.add(name + "." + inner));
            }
        });
        return new MergePatch<>(value, members);
    }

    public boolean has(String member) {
        return members.contains(member);
    }

    /** A 400 naming the first member, or nested member, that {@code type} does not take. */
    private static ProblemException wrongMember(JsonMapper json, Map<String, Object> object, Class<?> type) {
        String problem = "is not a field or has the wrong type";
        for (Map.Entry<String, Object> member : object.entrySet()) {
            String name = member.getKey();
            if (!fits(json, Collections.singletonMap(name, member.getValue()), type)) {
                // an object where the record takes one: name the inner member that does not fit
                if (member.getValue() instanceof Map<?, ?> nested
                        && fits(json, Collections.singletonMap(name, Map.of()), type)) {
                    for (Map.Entry<?, ?> inner : nested.entrySet()) {
                        Map<?, ?> alone = Collections.singletonMap(inner.getKey(), inner.getValue());
                        if (!fits(json, Collections.singletonMap(name, alone), type)) {
                            return ProblemException.invalid(name + "." + inner.getKey(), problem);
                        }
                    }
                }
                return ProblemException.invalid(name, problem);
            }
        }
        return ProblemException.invalid("body", "cannot be read as a patch");
    }

    private static boolean fits(JsonMapper json, Map<String, ?> object, Class<?> type) {
        try {
            json.readValue(json.writeValueAsString(object), type);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
