package io.mooring.monitor.probe;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.io.ByteArrayOutputStream;

/**
 * Runs {@link Check.Http}: one request, the whole exchange (connect, redirects, body) bounded by
 * the timeout. Only the first {@link #MAX_BODY_BYTES} of a body are read, for the keyword and the
 * JSON condition (a longer body fails the JSON condition).
 */
final class HttpProbe {
    static final int MAX_BODY_BYTES = 1 << 20;

    /** Indexed by [followRedirects][verifyTls]: one client each, shared by every monitor. */
    private final HttpClient[][] clients = new HttpClient[2][2];

    HttpProbe(ProbeTls tls, Duration connectTimeout) {
        for (int follow = 0; follow < 2; follow++) {
            for (int verify = 0; verify < 2; verify++) {
                clients[follow][verify] = HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        .followRedirects(follow == 1 ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                        .sslContext(verify == 1 ? tls.verifying() : tls.trustingAll())
                        .build();
            }
        }
    }

    ProbeResult check(Check.Http check, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(check.url()).timeout(timeout)
                .method(check.method(), HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "mooring-monitor");
        check.headers().forEach(request::header);
        HttpClient client = clients[check.followRedirects() ? 1 : 0][check.verifyTls() ? 1 : 0];
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request.build(),
                check.keyword() == null && check.jsonCondition() == null ? info -> discard() : info -> new FirstBytes(MAX_BODY_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return ProbeResult.down(since(started), "timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return ProbeResult.down(since(started), Failures.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down(since(started), "interrupted");
        }
        Duration latency = since(started);
        return judge(check, response, latency).degradedIfSlowerThan(check.degradedAbove());
    }

    private static ProbeResult judge(Check.Http check, HttpResponse<byte[]> response, Duration latency) {
        int status = response.statusCode();
        List<StatusRange> expected = check.expectedStatus();
        if (expected.stream().noneMatch(range -> range.contains(status))) {
            return ProbeResult.down(latency, "HTTP " + status + " from " + response.uri() + ", expected " + expected);
        }
        if (check.keyword() != null) {
            boolean found = new String(response.body(), StandardCharsets.UTF_8).contains(check.keyword());
            if (found == check.keywordAbsent()) {
                return ProbeResult.down(latency, "HTTP " + status + " but keyword '" + check.keyword() + "' "
                        + (found ? "present" : "missing"));
            }
        }
        if (check.jsonCondition() != null) {
            String failure = response.body().length >= MAX_BODY_BYTES
                    ? "body longer than " + MAX_BODY_BYTES + " bytes, the most read for a JSON condition"
                    : check.jsonCondition().failure(new String(response.body(), StandardCharsets.UTF_8));
            if (failure != null) {
                return ProbeResult.down(latency, "HTTP " + status + " but " + failure);
            }
        }
        return ProbeResult.up(latency, "HTTP " + status + " in " + latency.toMillis() + " ms");
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static HttpResponse.BodySubscriber<byte[]> discard() {
        return HttpResponse.BodySubscribers.replacing(new byte[0]);
    }

    /** Keeps the first {@code limit} bytes of a body and stops reading there. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                body.complete(bytes.toByteArray());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
