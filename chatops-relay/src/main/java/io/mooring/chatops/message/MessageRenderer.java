package io.mooring.chatops.message;

import io.mooring.events.MooringEvent;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a platform event into one line a person reads in chat, e.g.
 * {@code ✅ Account acme is ready on host h-1 (plan small)}. Events it has no message for
 * (other areas, types added after this version) come back empty and are not posted.
 */
@Singleton
public class MessageRenderer {
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n\\u2028\\u2029]+\\s*");

    public Optional<String> render(MooringEvent event) {
        return ProvisioningMessages.render(event)
                .or(() -> BackupMessages.render(event))
                .or(() -> MonitoringMessages.render(event))
                .map(MessageRenderer::oneLine);
    }

    /** Reasons and titles come from other services and may span lines; chat messages here do not. */
    private static String oneLine(String message) {
        return LINE_BREAKS.matcher(message.strip()).replaceAll(" ");
    }
}
