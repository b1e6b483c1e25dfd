package io.mooring.events.provisioning;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;

import java.util.regex.Pattern;

/**
 * A resource exists and can be used.
 *
 * @param kind     the wire name of a {@link ResourceKind}
 * @param endpoint where the resource is reached, as an absolute URI such as
 *                 {@code postgres://db-2.par1.example.net:5432/acct_42_main}; it never carries a
 *                 secret (no password in the user info, no token or signature in the query):
 *                 events end up in search indices and chat messages
 */
@EventType(value = "mooring.provisioning.resource.ready.v1", topic = Topics.PROVISIONING)
public record ResourceReady(String accountId, String resourceId, String kind, String name, String endpoint)
        implements MooringEvent {

    // the same patterns as the "not" clause of the JSON Schema
    static final Pattern PASSWORD_IN_USER_INFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@]*:[^/?#@]*@");
    static final Pattern SECRET_IN_QUERY = Pattern.compile(
            "[?&][^=&#]*([Pp]ass(wd|word)|PASS(WD|WORD)|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Ss]ignature|SIGNATURE"
                    + "|[Cc]redential|CREDENTIAL)[^=&#]*=");

    public ResourceReady {
        Require.text(accountId, "accountId");
        Require.text(resourceId, "resourceId");
        WireValue.parse(ResourceKind.class, kind, "kind");
        Require.text(name, "name");
        Require.absoluteUri(endpoint, "endpoint");
        if (PASSWORD_IN_USER_INFO.matcher(endpoint).find() || SECRET_IN_QUERY.matcher(endpoint).find()) {
            throw new IllegalArgumentException("endpoint must not carry a secret");
        }
    }

    @Override
    public String subject() {
        return accountId;
    }
}
