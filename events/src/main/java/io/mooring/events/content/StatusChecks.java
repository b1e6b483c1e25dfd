package io.mooring.events.content;

import io.mooring.events.Require;
import io.mooring.events.WireValue;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/** The constructor checks of {@link StatusSnapshot} records. */
final class StatusChecks {

    // the same pattern as the JSON Schemas
    static final Pattern SOURCE = Pattern.compile("^[^\\s:]+$");
    static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$");

    private StatusChecks() {
    }

    static void check(String statusId, String accountId, String authorHandle, String content, String language,
                      String visibility, OffsetDateTime createdAt, String url) {
        Require.text(statusId, "statusId");
        Require.text(accountId, "accountId");
        Require.text(authorHandle, "authorHandle");
        Require.present(content, "content");
        if (language != null) {
            Require.matches(language, LANGUAGE, "language", "a BCP 47 language tag");
        }
        WireValue.parse(Visibility.class, visibility, "visibility");
        Require.present(createdAt, "createdAt");
        if (url != null) {
            Require.httpUrl(url, "url");
        }
    }

    static void checkAdditions(String source, Long version, String inReplyToId, String inReplyToAccountId,
                               String reblogOfId) {
        if (source != null) {
            Require.matches(source, SOURCE, "source", "a host name, without spaces or ':'");
        }
        if (version != null) {
            Require.notNegative(version, "version");
        }
        Require.optionalText(inReplyToId, "inReplyToId");
        Require.optionalText(inReplyToAccountId, "inReplyToAccountId");
        Require.optionalText(reblogOfId, "reblogOfId");
    }
}
