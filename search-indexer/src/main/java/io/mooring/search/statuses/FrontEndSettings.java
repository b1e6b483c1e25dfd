package io.mooring.search.statuses;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.util.List;

/**
 * One {@code mooring.search.front-ends.<name>.*} block: binds a search token (also listed in
 * {@code mooring.auth.search-tokens}) to the instances whose accounts it may act for. A search token
 * named in no block may act for accounts of any instance.
 */
@EachProperty("mooring.search.front-ends")
public class FrontEndSettings {
    private final String name;
    private String token;
    private List<String> sources = List.of();

    public FrontEndSettings(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** The front end's search token. */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** The instances (statuses' {@code source}) whose accounts the token may act for. */
    public List<String> getSources() {
        return sources;
    }

    public void setSources(List<String> sources) {
        this.sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
