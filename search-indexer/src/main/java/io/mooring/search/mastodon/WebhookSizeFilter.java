package io.mooring.search.mastodon;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.mooring.runtime.http.Problem;

/**
 * Refuses a webhook whose {@code Content-Length} is over the limit before its body is read, so an
 * unsigned sender cannot make the service buffer it. A body without a length is checked once read.
 */
@ServerFilter("/webhooks/mastodon/**")
public class WebhookSizeFilter implements Ordered {
    private final MastodonSettings settings;

    public WebhookSizeFilter(MastodonSettings settings) {
        this.settings = settings;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> check(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length <= settings.getMaxBodyBytes()) {
            return null;
        }
        return MastodonWebhookController.problem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", "Payload too large",
                "the body has " + length + " bytes, more than the " + settings.getMaxBodyBytes() + " accepted", null,
                request.getPath());
    }
}
