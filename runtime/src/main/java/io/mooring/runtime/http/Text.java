package io.mooring.runtime.http;

/** What text the services accept from a request: no NUL and no other control characters. */
final class Text {
    private Text() {
    }

    /** A 400 naming {@code field} when {@code value} holds a C0 or C1 control character or DEL. */
    static void requireClean(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                throw ProblemException.invalid(field, "must not contain control characters (found U+%04X)".formatted((int) value.charAt(i)));
            }
        }
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** A value safe to quote back in a problem: control characters and length cut. */
    static String shown(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder out = new StringBuilder(cut.length());
        cut.chars().forEach(c -> out.append(isControl((char) c) ? '?' : (char) c));
        return out.toString();
    }
}
