package io.mooring.runtime.auth;

/** What a bearer token may do. */
public enum Scope {
    /** Read-only users: GET and HEAD. */
    READ,
    /** Operators: every call. */
    OPERATOR,
    /**
     * A trusted front end (e.g. a social application) that searches on behalf of its users: GET on
     * the paths under {@code mooring.auth.search-paths} only.
     */
    SEARCH;

    /** The request attribute holding the caller's scope. */
    public static final String ATTRIBUTE = "mooring.auth.scope";
    /** The request attribute holding a fingerprint of the caller's token (for rate limits, logs). */
    public static final String TOKEN_ID_ATTRIBUTE = "mooring.auth.token-id";
}
