package io.mooring.chatops.command;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The form fields of a slash command request, as Slack and Mattermost both send them
 * ({@code application/x-www-form-urlencoded}): who typed what, where.
 */
record SlashRequest(String chat, String text, String userId, String userName, String channelId, String channelName,
                    String teamId, String triggerId, String token, String responseUrl) {

    static SlashRequest parse(String chat, byte[] body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(key, value);
        }
        return new SlashRequest(chat, fields.getOrDefault("text", ""), fields.getOrDefault("user_id", ""),
                fields.getOrDefault("user_name", ""), fields.getOrDefault("channel_id", ""),
                fields.getOrDefault("channel_name", ""), fields.getOrDefault("team_id", ""),
                fields.getOrDefault("trigger_id", ""), fields.getOrDefault("token", ""),
                fields.getOrDefault("response_url", ""));
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Who asked, as the event records it: the user name, else the id. */
    String issuedBy() {
        return chat + ":" + (userName.isBlank() ? userId : userName);
    }

    /** Where, as the event records it. */
    String channel() {
        return chat + ":" + (channelName.isBlank() ? channelId : channelName);
    }
}
