package io.mooring.monitor.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP status codes {@code from..to}, both included; written {@code 200-299} or {@code 204}. */
public record StatusRange(int from, int to) {
    private static final Pattern TEXT = Pattern.compile("^([1-5][0-9]{2})(?:-([1-5][0-9]{2}))?$");

    public StatusRange {
        if (from < 100 || to > 599 || from > to) {
            throw new InvalidSetting("expectedStatus", "must be a status or a range within 100-599, was " + from + "-" + to);
        }
    }

    public static StatusRange parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new InvalidSetting("expectedStatus", "must be like 200 or 200-299, was '" + text + "'");
        }
        int from = Integer.parseInt(matcher.group(1));
        return new StatusRange(from, matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2)));
    }

    public boolean contains(int status) {
        return status >= from && status <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
