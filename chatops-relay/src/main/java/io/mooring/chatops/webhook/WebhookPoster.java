package io.mooring.chatops.webhook;

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

/**
 * Posts notifications to targets with short timeouts, and classifies what happened. It never throws
 * for a target's failure: the answer says whether the target is unavailable or refused the post.
 */
@Singleton
public class WebhookPoster {
    static final String EVENT_ID_HEADER = "X-Mooring-Event-Id";
    static final String EVENT_TYPE_HEADER = "X-Mooring-Event-Type";

    private final HttpClient client;

    public WebhookPoster(ChatopsSettings settings) {
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
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("User-Agent", "mooring-chatops-relay")
                .header(EVENT_ID_HEADER, notification.eventId().toString())
                .header(EVENT_TYPE_HEADER, notification.type());
        try {
            HttpResponse<?> response = client.toBlocking().exchange(request);
            return PostResult.ofStatus(response.code());
        } catch (HttpClientResponseException e) {
            return PostResult.ofStatus(e.code());
        } catch (HttpClientException e) {
            return PostResult.unreachable(redacted(e.getClass().getSimpleName() + ": " + e.getMessage(), target));
        }
    }

    /** Errors are logged and shown by the API: keep the URL's path and query (often the secret) out of them. */
    static String redacted(String message, WebhookTarget target) {
        String text = message.replace(target.url().toString(), target.host());
        String path = target.url().getRawPath();
        if (path != null && path.length() > 1) {
            text = text.replace(path, "/…");
        }
        String query = target.url().getRawQuery();
        return query == null || query.isEmpty() ? text : text.replace(query, "…");
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
