package io.mooring.provisioner.resource.driver;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "53300", "57P01", "57P03", "57014", "40001", "40P01", "55006", "55P03", "58030",
            "42710", "42P04"})
    void retriesWhatMayGoAway(String state) {
        assertThat(SqlFailures.retriable(new SQLException("x", state))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"42501", "28P01", "28000", "42601", "22023", "2BP01", "3D000", "XX000"})
    void givesUpOnWhatWillNot(String state) {
        assertThat(SqlFailures.retriable(new SQLException("x", state))).isFalse();
    }

    @Test
    void retriesErrorsWithoutState() {
        assertThat(SqlFailures.retriable(new SQLException("I/O error"))).isTrue();
    }

    @Test
    void saysWhatWasBeingDoneWithTheFirstLineOfTheError() {
        DriverFailure failure = SqlFailures.classify("creating database d on h:1",
                new SQLException("ERROR: permission denied to create role\n  Detail: more", "42501"));
        assertThat(failure.retriable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("creating database d on h:1: ERROR: permission denied to create role [42501]");
    }

    @Test
    void summarisesByClassWithoutTheServersWords() {
        DriverFailure unreachable = SqlFailures.classify("creating database d on h:1",
                new SQLException("Connection to h:1 refused. Check that the hostname and port are correct", "08001"));
        assertThat(unreachable.summary()).isEqualTo("tenant database server unreachable");
        assertThat(SqlFailures.classify("x", new SQLException("permission denied", "42501")).summary())
                .isEqualTo("the provisioner lacks a privilege on the tenant database server");
        assertThat(SqlFailures.classify("x", new SQLException("password authentication failed", "28P01")).summary())
                .isEqualTo("tenant database server refused the provisioner's login");
        assertThat(SqlFailures.classify("x", new SQLException("syntax error at or near \"acct\"", "42601")).summary())
                .isEqualTo("tenant database server refused the change");
    }
}
