package io.mooring.chatops.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostResultTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 204})
    void countsEvery2xxAsDelivered(int status) {
        PostResult result = PostResult.ofStatus(status);
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.DELIVERED);
        assertThat(result.isFinal()).isTrue();
        assertThat(result.error()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 410, 413})
    void countsOtherAnswersAsRefusedForGood(int status) {
        PostResult result = PostResult.ofStatus(status);
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.REJECTED);
        assertThat(result.isFinal()).isTrue();
        assertThat(result.error()).isEqualTo("HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504})
    void countsServerErrorsAndRateLimitsAsUnavailable(int status) {
        PostResult result = PostResult.ofStatus(status);
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.UNAVAILABLE);
        assertThat(result.isFinal()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(status);
    }

    @Test
    void countsNoAnswerAsUnavailable() {
        PostResult result = PostResult.unreachable("ReadTimeoutException: Read Timeout");
        assertThat(result.outcome()).isEqualTo(PostResult.Outcome.UNAVAILABLE);
        assertThat(result.httpStatus()).isNull();
    }

    @Test
    void requiresAnErrorExactlyWhenNotDelivered() {
        assertThatThrownBy(() -> new PostResult(PostResult.Outcome.DELIVERED, 200, "oops"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostResult(PostResult.Outcome.REJECTED, 400, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
