package io.mooring.runtime.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request line, held to one strict policy before authentication and before any store sees it:
 * well-formed percent-encoding of UTF-8, no control characters in the path or in query values, and
 * query values of a route's number and boolean parameters that parse exactly. Each failure is a 400
 * problem naming the parameter ({@code path} for the path).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class InputPolicyFilter implements Ordered {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> check(HttpRequest<?> request) {
        String target = requestTarget(request);
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        try {
            checkTarget(target);
            checkTypedParameters(request);
            return null;
        } catch (ProblemException e) {
            return HttpResponse.<Problem>status(e.status())
                    .contentType(MediaType.of(Problem.MEDIA_TYPE))
                    .body(e.toProblem(Text.shown(rawPath)));
        }
    }

    /** The request target as the client sent it: a malformed one does not survive parsing into a URI. */
    private static String requestTarget(HttpRequest<?> request) {
        return originForm(request instanceof NettyHttpRequest<?> netty ? netty.getNativeRequest().uri() : request.getUri().toString());
    }

    /** The path and query of a request target, also of one in absolute form ({@code http://host/path}). */
    static String originForm(String target) {
        int scheme = target.indexOf("://");
        if (scheme >= 0 && scheme < target.indexOf('/')) {
            int path = target.indexOf('/', scheme + 3);
            return path < 0 ? "/" : target.substring(path);
        }
        return target;
    }

    private static void checkPath(String rawPath) {
        for (String segment : rawPath.split("/")) {
            Text.requireClean("path", PercentDecoding.decode("path", segment, false));
        }
    }

    /**
     * The request target (path and query, as sent) well-formed: a {@link ProblemException} naming
     * {@code path} or the query parameter otherwise.
     */
    static void checkTarget(String target) {
        int question = target.indexOf('?');
        checkPath(question < 0 ? target : target.substring(0, question));
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = PercentDecoding.decode("query", equals < 0 ? pair : pair.substring(0, equals), true);
            Text.requireClean("query", name);
            String value = equals < 0 ? "" : PercentDecoding.decode(name, pair.substring(equals + 1), true);
            Text.requireClean(name, value);
        }
    }

    private static void checkTypedParameters(HttpRequest<?> request) {
        typedParameters(request).forEach((name, type) -> {
            for (String value : request.getParameters().getAll(name)) {
                requireParses(name, type, value);
            }
        });
    }

    /** The route's query parameters of number or boolean type, by name. */
    private static Map<String, Class<?>> typedParameters(HttpRequest<?> request) {
        Optional<? extends MethodBasedRouteMatch<?, ?>> route = RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance).map(m -> (MethodBasedRouteMatch<?, ?>) m);
        if (route.isEmpty()) {
            return Map.of();
        }
        Map<String, Class<?>> typed = new java.util.HashMap<>();
        for (Argument<?> argument : route.get().getArguments()) {
            if (!argument.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
                continue;
            }
            String name = argument.getAnnotationMetadata().stringValue(QueryValue.class).filter(s -> !s.isEmpty())
                    .orElse(argument.getName());
            Class<?> type = argument.getType();
            if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
                type = argument.getFirstTypeVariable().<Class<?>>map(Argument::getType).orElse(String.class);
            }
            typed.put(name, type);
        }
        return typed;
    }

    private static final List<Class<?>> INTEGERS = List.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class);

    static void requireParses(String name, Class<?> type, String value) {
        if (INTEGERS.contains(type)) {
            try {
                if (!INTEGER.matcher(value).matches()) {
                    throw new NumberFormatException();
                }
                long parsed = Long.parseLong(value);
                boolean fits = (type != Integer.class && type != int.class) || parsed == (int) parsed;
                fits &= (type != Short.class && type != short.class) || parsed == (short) parsed;
                if (!fits) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw ProblemException.invalid(name, "must be a whole number in range, was '" + Text.shown(value) + "'");
            }
        } else if ((type == Boolean.class || type == boolean.class) && !"true".equals(value) && !"false".equals(value)) {
            throw ProblemException.invalid(name, "must be true or false, was '" + Text.shown(value) + "'");
        }
    }
}
