package io.mooring.chatops.webhook;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.mooring.chatops.ChatopsSettings;
import io.mooring.chatops.message.Notification;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;

/**
 * Posts notifications to targets with short timeouts, and classifies what happened. It never throws
 * for a target's failure: the answer says whether the target is unavailable or refused the post.
 */
@Singleton
public class WebhookPoster {
    static final String EVENT_ID_HEADER = "X-Mooring-Event-Id";
    static final String EVENT_TYPE_HEADER = "X-Mooring-Event-Type";

    private final HttpClient client;
    private final Clock clock;

    public WebhookPoster(ChatopsSettings settings, Clock clock) {
        this.clock = clock;
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(settings.getConnectTimeout());
        configuration.setReadTimeout(settings.getReadTimeout());
        // a webhook that redirects is misconfigured; following could send the payload somewhere unexpected
        configuration.setFollowRedirects(false);
        configuration.setExceptionOnErrorStatus(false);
        this.client = HttpClient.create(null, configuration);
    }

    public PostResult post(WebhookTarget target, Notification notification) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST(target.url(), WebhookPayloads.body(target.kind(), notification))
                .header(EVENT_ID_HEADER, notification.eventId().toString())
                .header(EVENT_TYPE_HEADER, notification.type());
        return send(request, target.url(), target.host());
    }

    /**
     * Posts a JSON {@code body} to a chat's {@code response_url} (the answer to a slash command), with the same
     * timeouts and classification as a target's posts.
     */
    public PostResult respond(URI responseUrl, byte[] body) {
        String host = responseUrl.getPort() < 0 ? responseUrl.getHost() : responseUrl.getHost() + ":" + responseUrl.getPort();
        return send(HttpRequest.POST(responseUrl, body), responseUrl, host);
    }

    private PostResult send(MutableHttpRequest<byte[]> request, URI url, String host) {
        request.contentType(MediaType.APPLICATION_JSON_TYPE).header("User-Agent", "mooring-chatops-relay");
        try {
            HttpResponse<?> response = client.toBlocking().exchange(request);
            return PostResult.ofStatus(response.code(), response.getHeaders().get(HttpHeaders.RETRY_AFTER), clock.instant());
        } catch (HttpClientResponseException e) {
            return PostResult.ofStatus(e.code(), e.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER), clock.instant());
        } catch (HttpClientException e) {
            return PostResult.unreachable(redacted(e.getClass().getSimpleName() + ": " + e.getMessage(), url, host));
        }
    }

    /** Errors are logged and shown by the API: keep the URL's path and query (often the secret) out of them. */
    static String redacted(String message, WebhookTarget target) {
        return redacted(message, target.url(), target.host());
    }

    private static String redacted(String message, URI url, String host) {
        String text = message.replace(url.toString(), host);
        String path = url.getRawPath();
        if (path != null && path.length() > 1) {
            text = text.replace(path, "/…");
        }
        String query = url.getRawQuery();
        return query == null || query.isEmpty() ? text : text.replace(query, "…");
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
