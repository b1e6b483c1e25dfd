package io.mooring.provisioner.account;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class AccountFailuresTest {

    @Test
    void aStoreThatCannotBeReachedReadsAsUnavailableWithoutTheErrorText() {
        assertThat(AccountFailures.reasonFor(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("Connection to db.internal:5432 refused"))))
                .isEqualTo(AccountFailures.STORE_UNAVAILABLE);
        assertThat(AccountFailures.reasonFor(new RuntimeException(new ConnectException("10.0.0.3 refused"))))
                .isEqualTo(AccountFailures.STORE_UNAVAILABLE);
        assertThat(AccountFailures.reasonFor(new SQLException("the database system is shutting down", "57P03")))
                .isEqualTo(AccountFailures.STORE_UNAVAILABLE);
    }

    @Test
    void anyOtherErrorIsAnInternalErrorWithoutTheErrorText() {
        String reason = AccountFailures.reasonFor(new SQLException("ERROR: duplicate key value (name)=(secret@example.org)", "23505"));
        assertThat(reason).isEqualTo(AccountFailures.INTERNAL).doesNotContain("secret@example.org");
        assertThat(AccountFailures.reasonFor(new NullPointerException())).isEqualTo(AccountFailures.INTERNAL);
    }
}
