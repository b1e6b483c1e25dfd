package io.mooring.runtime.auth;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;

/**
 * Bearer tokens under {@code mooring.auth}: operator tokens may do everything, read tokens only
 * read, search tokens only read the paths under {@code search-paths} (none unless a service names
 * them). Paths under {@code public-paths} need no token (health, metrics, status page, webhooks).
 */
@ConfigurationProperties("mooring.auth")
public class AuthSettings {
    private List<String> operatorTokens = List.of();
    private List<String> readTokens = List.of();
    private List<String> publicPaths = List.of();
    private List<String> searchTokens = List.of();
    private List<String> searchPaths = List.of();

    public List<String> getOperatorTokens() {
        return operatorTokens;
    }

    public void setOperatorTokens(List<String> operatorTokens) {
        this.operatorTokens = operatorTokens;
    }

    public List<String> getReadTokens() {
        return readTokens;
    }

    public void setReadTokens(List<String> readTokens) {
        this.readTokens = readTokens;
    }

    public List<String> getPublicPaths() {
        return publicPaths;
    }

    public void setPublicPaths(List<String> publicPaths) {
        this.publicPaths = publicPaths;
    }

    public List<String> getSearchTokens() {
        return searchTokens;
    }

    public void setSearchTokens(List<String> searchTokens) {
        this.searchTokens = searchTokens;
    }

    public List<String> getSearchPaths() {
        return searchPaths;
    }

    public void setSearchPaths(List<String> searchPaths) {
        this.searchPaths = searchPaths;
    }
}
