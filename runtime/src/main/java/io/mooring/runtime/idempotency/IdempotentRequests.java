package io.mooring.runtime.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.mooring.runtime.auth.Scope;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Makes a create request safe to retry with an {@code Idempotency-Key} header: the first request
 * with a key runs and its response (status, {@code Location}, body) is kept for 24 hours under
 * {@code idem:<token fingerprint>:<key>}; a retry with the same key and body gets that response
 * again, a different body with the same key a 422, and a retry while the first still runs a 409.
 * A request that fails gives its key up, so a retry runs again.
 */
@Singleton
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    /** Set on replayed responses. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyKeys keys;
    private final JsonMapper json;

    public IdempotentRequests(IdempotencyKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /**
     * Runs {@code action} once per key: {@code body} is the validated request body the key is bound to.
     * Without a key the action simply runs.
     */
    public HttpResponse<?> run(HttpRequest<?> request, @Nullable String key, Object body, Supplier<MutableHttpResponse<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1-255 printable ASCII characters without spaces");
        }
        String token = request.getAttribute(Scope.TOKEN_ID_ATTRIBUTE, String.class).orElse("anonymous");
        String redisKey = redisKey(token, key);
        String fingerprint = fingerprint(request, body);
        IdempotencyKeys.Claim claim;
        try {
            claim = keys.claim(redisKey, fingerprint, UUID.randomUUID().toString());
        } catch (RuntimeException e) {
            LOG.warn("idempotency keys unavailable: {}", e.toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "idempotency-unavailable", "Service unavailable",
                    "the idempotency key store (Redis) does not answer; retry later, or send the request without " + HEADER);
        }
        return switch (claim) {
            case IdempotencyKeys.Claim.Claimed claimed -> runClaimed(redisKey, claimed.value(), fingerprint, action);
            case IdempotencyKeys.Claim.Completed completed -> replay(completed.request()).header(REPLAYED_HEADER, "true");
            case IdempotencyKeys.Claim.InProgress ignored -> throw ProblemException.conflict("request-in-progress",
                    "a request with this " + HEADER + " is still being processed; retry shortly");
            case IdempotencyKeys.Claim.Mismatch ignored -> throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "idempotency-key-reused", "Idempotency key reused",
                    "this " + HEADER + " was used for a different request; use a new key for a new request");
        };
    }

    private HttpResponse<?> runClaimed(String redisKey, String claim, String fingerprint, Supplier<MutableHttpResponse<?>> action) {
        MutableHttpResponse<?> response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            forget(redisKey, claim);
            throw e;
        }
        StoredRequest stored = StoredRequest.completed(fingerprint, response.code(),
                response.getHeaders().get(HttpHeaders.LOCATION), write(response.body()));
        try {
            keys.complete(redisKey, claim, stored);
        } catch (RuntimeException e) {
            LOG.warn("could not keep the response for idempotency key {}: {}", redisKey, e.toString());
        }
        return replay(stored);
    }

    private void forget(String redisKey, String claim) {
        try {
            keys.release(redisKey, claim);
        } catch (RuntimeException e) {
            LOG.warn("could not release idempotency key {} (it expires on its own): {}", redisKey, e.toString());
        }
    }

    private static MutableHttpResponse<String> replay(StoredRequest stored) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(stored.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(stored.body());
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        return response;
    }

    public static String redisKey(String tokenId, String key) {
        return "idem:" + tokenId + ":" + key;
    }

    /** What binds a key to its request: method, path and the (validated) body as JSON. */
    public String fingerprint(HttpRequest<?> request, Object body) {
        String canonical = request.getMethodName() + " " + request.getPath() + "\n" + write(body);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
