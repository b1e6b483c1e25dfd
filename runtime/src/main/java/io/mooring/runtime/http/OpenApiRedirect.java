package io.mooring.runtime.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code GET /openapi}: a redirect to the OpenAPI document generated at build time
 * ({@code /openapi/<service>-v1.yml}), so that generators and scripts find it at one stable URL.
 * A filter rather than a controller, so that it never appears in the services' own documents.
 */
@ServerFilter("/openapi")
public class OpenApiRedirect {
    static final String DIRECTORY = "META-INF/swagger/";

    private volatile Optional<String> document;

    @RequestFilter
    @Nullable
    public HttpResponse<?> redirect(HttpRequest<?> request) {
        if (!"/openapi".equals(request.getPath())
                || (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD)) {
            return null;
        }
        return document().map(name -> HttpResponse.temporaryRedirect(URI.create("/openapi/" + name))).orElse(null);
    }

    private Optional<String> document() {
        Optional<String> found = document;
        if (found == null) {
            found = find(OpenApiRedirect.class.getClassLoader());
            document = found;
        }
        return found;
    }

    /** The name of the first {@code .yml} document under {@value DIRECTORY} on the class path. */
    static Optional<String> find(ClassLoader loader) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(DIRECTORY))) {
                if ("jar".equals(url.getProtocol())) {
                    var connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (var jar = connection.getJarFile()) {
                        jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(DIRECTORY) && n.indexOf('/', DIRECTORY.length()) < 0)
                                .map(n -> n.substring(DIRECTORY.length()))
                                .filter(n -> n.endsWith(".yml"))
                                .forEach(names::add);
                    }
                } else if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).forEach(names::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names.stream().findFirst();
    }
}
