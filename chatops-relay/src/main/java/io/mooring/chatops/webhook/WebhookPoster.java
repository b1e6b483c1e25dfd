package io.mooring.chatops.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
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
import io.mooring.chatops.channel.ChatMessage;
import io.mooring.chatops.channel.ChatMessages;
import io.mooring.chatops.channel.Threads;
import io.mooring.chatops.channel.WebhookSignature;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.message.Notification;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Posts notifications to targets with short timeouts, and classifies what happened. It never throws
 * for a target's failure: the answer says whether the target is unavailable or refused the post. It throws
 * {@link LedgerUnavailableException} when Redis cannot say which thread an incident's follow-up belongs in.
 *
 * <p>Per kind: webhooks ({@code slack}, {@code matrix-hookshot}, {@code generic}, the last signed when it has a
 * secret) get a POST to their URL; {@code slack-api} a {@code chat.postMessage} whose {@code {"ok": false}} answers
 * are classified too; {@code matrix} a {@code PUT} of an {@code m.room.message} with a transaction id derived from
 * the target and the event, so a post repeated after a lost answer is one message in the room.
 */
@Singleton
public class WebhookPoster {
    static final String EVENT_ID_HEADER = "X-Mooring-Event-Id";
    static final String EVENT_TYPE_HEADER = "X-Mooring-Event-Type";
    static final String SIGNED_EVENT_ID_HEADER = "Mooring-Event-Id";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPoster.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's Web API warns about JSON without a charset. */
    private static final MediaType SLACK_JSON = MediaType.of("application/json; charset=utf-8");
    /** Slack errors that say "later", not "never"; any other {@code ok: false} is a refusal. */
    private static final Set<String> SLACK_RETRIABLE = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout");

    private final HttpClient client;
    private final Clock clock;
    private final ChatMessages messages;
    private final Threads threads;

    public WebhookPoster(ChatopsSettings settings, Clock clock, ChatMessages messages, Threads threads) {
        this.clock = clock;
        this.messages = messages;
        this.threads = threads;
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(settings.getConnectTimeout());
        configuration.setReadTimeout(settings.getReadTimeout());
        // a webhook that redirects is misconfigured; following could send the payload somewhere unexpected
        configuration.setFollowRedirects(false);
        configuration.setExceptionOnErrorStatus(false);
        this.client = HttpClient.create(null, configuration);
    }

    public PostResult post(WebhookTarget target, Notification notification) {
        ChatMessage message = messages.of(notification);
        ChatMessage.Incident incident = message.incident();
        String root = target.kind().threads() && incident != null && incident.stage() != ChatMessage.Stage.OPENED
                ? threads.root(target.name(), incident.id()) : null;
        byte[] body = WebhookPayloads.body(target, notification, message, root);
        return switch (target.kind()) {
            case SLACK_API -> slackApi(target, notification, body, incident);
            case MATRIX -> matrix(target, notification, body, incident);
            case SLACK, MATRIX_HOOKSHOT, GENERIC -> webhook(target, notification, body);
        };
    }

    private PostResult webhook(WebhookTarget target, Notification notification, byte[] body) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST(target.url(), body)
                .header(EVENT_ID_HEADER, notification.eventId().toString())
                .header(EVENT_TYPE_HEADER, notification.type());
        if (target.kind() == TargetKind.GENERIC) {
            request.header(SIGNED_EVENT_ID_HEADER, notification.eventId().toString());
            if (target.secret() != null) {
                request.header(WebhookSignature.HEADER, WebhookSignature.header(target.secret(), clock.instant(), body));
            }
        }
        Answer answer = send(request, target.url(), target);
        return answer.error() != null ? PostResult.unreachable(answer.error())
                : PostResult.ofStatus(answer.status(), answer.retryAfter(), clock.instant());
    }

    private PostResult slackApi(WebhookTarget target, Notification notification, byte[] body,
                                @Nullable ChatMessage.Incident incident) {
        URI url = URI.create(base(target) + "/chat.postMessage");
        MutableHttpRequest<byte[]> request = HttpRequest.POST(url, body)
                .bearerAuth(target.token())
                .contentType(SLACK_JSON)
                .header(EVENT_ID_HEADER, notification.eventId().toString());
        Answer answer = send(request, target.url(), target);
        if (answer.error() != null) {
            return PostResult.unreachable(answer.error());
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            return PostResult.ofStatus(answer.status(), answer.retryAfter(), clock.instant());
        }
        JsonNode json = json(answer.body());
        if (json == null || !json.has("ok")) {
            return new PostResult(PostResult.Outcome.UNAVAILABLE, answer.status(), "Slack answered without \"ok\"");
        }
        if (json.path("ok").asBoolean(false)) {
            remember(target, incident, json.path("ts").asText(null));
            return new PostResult(PostResult.Outcome.DELIVERED, answer.status(), null);
        }
        String error = json.path("error").asText("unknown");
        if (SLACK_RETRIABLE.contains(error)) {
            Duration wait = PostResult.retryAfter(answer.retryAfter(), clock.instant());
            return new PostResult(PostResult.Outcome.UNAVAILABLE, answer.status(),
                    "Slack " + safe(error) + (wait == null ? "" : " (Retry-After " + wait.toSeconds() + " s)"), wait);
        }
        return new PostResult(PostResult.Outcome.REJECTED, answer.status(), "Slack " + safe(error));
    }

    private PostResult matrix(WebhookTarget target, Notification notification, byte[] body,
                              @Nullable ChatMessage.Incident incident) {
        URI url = URI.create(base(target) + "/_matrix/client/v3/rooms/" + encoded(target.channel())
                + "/send/m.room.message/" + encoded(transactionId(target, notification)));
        MutableHttpRequest<byte[]> request = HttpRequest.PUT(url, body)
                .bearerAuth(target.token())
                .header(EVENT_ID_HEADER, notification.eventId().toString());
        Answer answer = send(request, target.url(), target);
        if (answer.error() != null) {
            return PostResult.unreachable(answer.error());
        }
        JsonNode json = json(answer.body());
        if (answer.status() >= 200 && answer.status() < 300) {
            remember(target, incident, json == null ? null : json.path("event_id").asText(null));
            return new PostResult(PostResult.Outcome.DELIVERED, answer.status(), null);
        }
        PostResult result = PostResult.ofStatus(answer.status(), answer.retryAfter(), clock.instant());
        String code = json == null ? null : json.path("errcode").asText(null);
        if (code == null) {
            return result;
        }
        long retryMs = json.path("retry_after_ms").asLong(-1);
        Duration wait = result.outcome() == PostResult.Outcome.UNAVAILABLE && retryMs >= 0
                ? Duration.ofMillis(retryMs) : result.retryAfter();
        String error = "HTTP " + answer.status() + " " + safe(code)
                + (wait == null ? "" : " (retry after " + wait.toMillis() + " ms)");
        return new PostResult(result.outcome(), result.httpStatus(), error, wait);
    }

    /**
     * The Matrix transaction id of the event's post to the target: the same on every attempt, so the homeserver
     * answers a repeat with the first post's event instead of posting again. Part 0: a message is never split.
     */
    static String transactionId(WebhookTarget target, Notification notification) {
        return "mooring." + target.name() + "." + notification.eventId() + ".0";
    }

    private void remember(WebhookTarget target, @Nullable ChatMessage.Incident incident, @Nullable String messageId) {
        if (incident == null || incident.stage() != ChatMessage.Stage.OPENED || messageId == null || messageId.isBlank()) {
            return;
        }
        try {
            threads.remember(target.name(), incident.id(), messageId);
        } catch (LedgerUnavailableException e) {
            // posted already: posting again would repeat it; its follow-ups will reference it instead
            LOG.warn("thread of incident {} at {} not kept (Redis unavailable): {}", incident.id(), target.name(),
                    e.getMessage());
        }
    }

    /**
     * Posts a JSON {@code body} to a chat's {@code response_url} (the answer to a slash command), with the same
     * timeouts and classification as a target's posts.
     */
    public PostResult respond(URI responseUrl, byte[] body) {
        String host = responseUrl.getPort() < 0 ? responseUrl.getHost() : responseUrl.getHost() + ":" + responseUrl.getPort();
        Answer answer = send(HttpRequest.POST(responseUrl, body), responseUrl, null, host);
        return answer.error() != null ? PostResult.unreachable(answer.error())
                : PostResult.ofStatus(answer.status(), answer.retryAfter(), clock.instant());
    }

    /** What a target answered, or (with {@code error}, the rest null) why it did not. */
    private record Answer(@Nullable Integer status, @Nullable String retryAfter, @Nullable String body,
                          @Nullable String error) {
    }

    private Answer send(MutableHttpRequest<byte[]> request, URI url, WebhookTarget target) {
        return send(request, url, target, target.host());
    }

    private Answer send(MutableHttpRequest<byte[]> request, URI url, @Nullable WebhookTarget target, String host) {
        if (request.getContentType().isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        request.header("User-Agent", "mooring-chatops-relay");
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return new Answer(response.code(), response.getHeaders().get(HttpHeaders.RETRY_AFTER),
                    response.getBody(String.class).orElse(null), null);
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER),
                    e.getResponse().getBody(String.class).orElse(null), null);
        } catch (HttpClientException e) {
            String error = redacted(e.getClass().getSimpleName() + ": " + e.getMessage(), url, host);
            return new Answer(null, null, null, target == null ? error : withoutSecrets(error, target));
        }
    }

    private static String base(WebhookTarget target) {
        String url = target.url().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encoded(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static @Nullable JsonNode json(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** An error code from a chat's answer, as shown in the delivery log: short, and only word characters. */
    private static String safe(String code) {
        String cut = code.length() > 64 ? code.substring(0, 64) : code;
        return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    /** Errors are logged and shown by the API: keep the URL's path and query (often the secret) out of them. */
    static String redacted(String message, WebhookTarget target) {
        return withoutSecrets(redacted(message, target.url(), target.host()), target);
    }

    private static String withoutSecrets(String text, WebhookTarget target) {
        for (String secret : new String[]{target.token(), target.secret()}) {
            if (secret != null) {
                text = text.replace(secret, "…");
            }
        }
        return text;
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
