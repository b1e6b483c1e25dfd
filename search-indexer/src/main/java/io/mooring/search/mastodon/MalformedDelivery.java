package io.mooring.search.mastodon;

/** A webhook body that is not what Mastodon sends: {@code field} is its path in the body, e.g. {@code object.account.acct}. */
public final class MalformedDelivery extends Exception {
    private final String field;
    private final String reason;

    public MalformedDelivery(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
