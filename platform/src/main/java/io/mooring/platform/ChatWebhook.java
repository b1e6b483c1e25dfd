package io.mooring.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chat target of {@code ./mooring up --chat-webhook URL}: a Slack incoming webhook, a Matrix
 * hookshot webhook or any endpoint that takes JSON posts. The URL is often the secret: it is shown by
 * its host only and handed to the relay in its environment, never written to a file.
 */
record ChatWebhook(URI url, String kind) {
    static final String SLACK_HOST = "hooks.slack.com";
    private static final Set<String> KINDS = Set.of("slack", "matrix", "generic");

    /** {@code kind} may be null: {@code slack} for a URL on hooks.slack.com, else {@code generic}. */
    static ChatWebhook parse(String url, String kind) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--chat-webhook is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("--chat-webhook must be an http:// or https:// URL with a host");
        }
        if (kind == null) {
            kind = SLACK_HOST.equalsIgnoreCase(uri.getHost()) ? "slack" : "generic";
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("--chat-kind must be slack, matrix or generic, was '" + kind + "'");
        }
        return new ChatWebhook(uri, kind);
    }

    String describe() {
        return "a " + kind + " webhook at " + url.getHost();
    }

    /**
     * The chat-ops relay's settings: the launcher's inbox as the target {@code terminal} (listed in
     * {@code <data>/chat-targets.yml}, read through {@code MICRONAUT_CONFIG_FILES}) and, if given, the
     * webhook as the target {@code chat}, and, if given, the targets file of {@code --chat-targets}
     * ({@code MOORING_CHATOPS_TARGETS_FILE}, read by the relay at start; its routes may lead to {@code terminal}).
     */
    static Map<String, String> relayEnvironment(String inboxUrl, Optional<ChatWebhook> webhook, Optional<Path> targetsFile,
                                                Path data) throws IOException {
        Path targets = data.resolve("chat-targets.yml");
        Files.writeString(targets, """
                # written by ./mooring up: the launcher's inbox, whose posts it prints as "chat ..." lines
                mooring:
                  chatops:
                    webhooks:
                      - name: terminal
                        kind: generic
                        url: "%s"
                """.formatted(inboxUrl));
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_CONFIG_FILES", targets.toString());
        targetsFile.ifPresent(file -> env.put("MOORING_CHATOPS_TARGETS_FILE", file.toString()));
        webhook.ifPresent(w -> {
            env.put("MOORING_CHATOPS_WEBHOOK_URL", w.url().toString());
            env.put("MOORING_CHATOPS_WEBHOOK_KIND", w.kind());
            env.put("MOORING_CHATOPS_WEBHOOK_NAME", "chat");
        });
        return env;
    }
}
