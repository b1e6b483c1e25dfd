package io.mooring.runtime.store;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFailuresTest {

    @Test
    void storesThatDoNotAnswerAreUnavailableWhereverTheCauseIsInTheChain() {
        assertThat(StoreFailures.isUnavailable(new SQLTransientConnectionException("pool: request timed out after 4000ms"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new RuntimeException("wrapped", new SQLException("gone", "08006")))).isTrue();
        assertThat(StoreFailures.isUnavailable(new SQLException("canceling statement due to statement timeout", "57014"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new IllegalStateException(new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(StoreFailures.isUnavailable(new RedisCommandTimeoutException("Command timed out after 3 second(s)"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new RedisConnectionException("Unable to connect"))).isTrue();
        assertThat(StoreFailures.isUnavailable(new RedisCommandExecutionException("LOADING Redis is loading the dataset"))).isTrue();
    }

    @Test
    void otherFailuresOfTheStoresAreNot() {
        assertThat(StoreFailures.isUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new SQLException("password authentication failed", "28P01"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new RedisCommandExecutionException("NOPERM this user has no permissions"))).isFalse();
        assertThat(StoreFailures.isUnavailable(new IllegalArgumentException("bad"))).isFalse();
    }
}
