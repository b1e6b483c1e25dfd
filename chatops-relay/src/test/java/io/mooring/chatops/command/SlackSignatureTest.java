package io.mooring.chatops.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackSignatureTest {
    // Slack's own worked example ("Verifying requests from Slack")
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant THEN = Instant.ofEpochSecond(1531420618 + 30);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void acceptsSlacksDocumentedExample() {
        assertThatCode(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN, FIVE_MINUTES))
                .doesNotThrowAnyException();
        assertThatCode(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE.toUpperCase().replace("V0=", "v0="), BODY,
                THEN, FIVE_MINUTES)).doesNotThrowAnyException();
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void refusesATamperedBodyAWrongSecretAndAMovedTimestamp() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("roadrunner", "coyote").getBytes(StandardCharsets.UTF_8);
        assertRefused(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, tampered, THEN, FIVE_MINUTES), "does not match");
        assertRefused(() -> SlackSignature.verify("another-secret", TIMESTAMP, SIGNATURE, BODY, THEN, FIVE_MINUTES), "does not match");
        assertRefused(() -> SlackSignature.verify(SECRET, "1531420619", SIGNATURE, BODY, THEN, FIVE_MINUTES), "does not match");
    }

    @Test
    void refusesStaleAndFutureTimestampsAsReplays() {
        assertRefused(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plus(Duration.ofMinutes(6)),
                FIVE_MINUTES), "replayed");
        assertRefused(() -> SlackSignature.verify(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.minus(Duration.ofMinutes(6)),
                FIVE_MINUTES), "replayed");
    }

    @Test
    void refusesMissingAndMalformedHeaders() {
        assertRefused(() -> SlackSignature.verify(SECRET, null, SIGNATURE, BODY, THEN, FIVE_MINUTES), "missing");
        assertRefused(() -> SlackSignature.verify(SECRET, "yesterday", SIGNATURE, BODY, THEN, FIVE_MINUTES), "Unix seconds");
        assertRefused(() -> SlackSignature.verify(SECRET, TIMESTAMP, null, BODY, THEN, FIVE_MINUTES), "v0=<hex>");
        assertRefused(() -> SlackSignature.verify(SECRET, TIMESTAMP, "v1=" + SIGNATURE.substring(3), BODY, THEN, FIVE_MINUTES),
                "v0=<hex>");
        assertRefused(() -> SlackSignature.verify(SECRET, TIMESTAMP, "v0=zz", BODY, THEN, FIVE_MINUTES), "does not match");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String why) {
        assertThatThrownBy(call).isInstanceOf(SlackSignature.BadRequestSignature.class).hasMessageContaining(why);
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThat(String value) {
        return org.assertj.core.api.Assertions.assertThat(value);
    }
}
