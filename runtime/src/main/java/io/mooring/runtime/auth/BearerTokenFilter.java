package io.mooring.runtime.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;
import io.mooring.runtime.http.Problem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks {@code Authorization: Bearer <token>} on every non-public path and enforces scopes. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BearerTokenFilter implements Ordered {
    private final Map<String, Scope> scopeByDigest;
    private final List<String> publicPaths;
    private final List<String> searchPaths;

    public BearerTokenFilter(AuthSettings settings) {
        Map<String, Scope> scopes = new java.util.HashMap<>();
        settings.getReadTokens().stream().filter(t -> !t.isBlank()).forEach(t -> scopes.put(digest(t), Scope.READ));
        settings.getSearchTokens().stream().filter(t -> !t.isBlank()).forEach(t -> scopes.put(digest(t), Scope.SEARCH));
        settings.getOperatorTokens().stream().filter(t -> !t.isBlank()).forEach(t -> scopes.put(digest(t), Scope.OPERATOR));
        this.scopeByDigest = Map.copyOf(scopes);
        this.publicPaths = List.copyOf(settings.getPublicPaths());
        this.searchPaths = List.copyOf(settings.getSearchPaths());
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> authenticate(HttpRequest<?> request) {
        if (under(publicPaths, request.getPath())) {
            return null;
        }
        Optional<String> token = request.getHeaders().getAuthorization()
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
        if (token.isEmpty()) {
            return deny(request, HttpStatus.UNAUTHORIZED, "unauthorized", "a bearer token is required");
        }
        String digest = digest(token.get());
        Scope scope = scopeByDigest.get(digest);
        if (scope == null) {
            return deny(request, HttpStatus.UNAUTHORIZED, "unauthorized", "the bearer token is not valid");
        }
        boolean reading = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD
                || request.getMethod() == HttpMethod.OPTIONS;
        if (!reading && scope != Scope.OPERATOR) {
            return deny(request, HttpStatus.FORBIDDEN, "forbidden", "this token may only read; " + request.getMethod() + " needs an operator token");
        }
        if (scope == Scope.SEARCH && !under(searchPaths, request.getPath())) {
            return deny(request, HttpStatus.FORBIDDEN, "forbidden", "a search token may only call the search API");
        }
        request.setAttribute(Scope.ATTRIBUTE, scope);
        request.setAttribute(Scope.TOKEN_ID_ATTRIBUTE, digest.substring(0, 16));
        return null;
    }

    private static boolean under(List<String> prefixes, String path) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private static HttpResponse<Problem> deny(HttpRequest<?> request, HttpStatus status, String slug, String detail) {
        var response = HttpResponse.<Problem>status(status)
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem(Problem.type(slug), status.getReason(), status.getCode(), detail, request.getPath(), null));
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer realm=\"mooring\"");
        }
        return response;
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
