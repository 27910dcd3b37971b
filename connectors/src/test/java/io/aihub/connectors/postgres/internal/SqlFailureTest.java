package io.aihub.connectors.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailureTest {

    @Test
    void shouldRetryConnectionLossDeadlocksAndShutdownsOnly() {
        assertThat(SqlFailure.of(new SQLException("refused", "08001"))).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of(new SQLException("deadlock", "40P01"))).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of(new SQLException("serialization", "40001"))).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of(new SQLException("admin shutdown", "57P01"))).isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of(new SQLException("too many connections", "53300")))
                .isEqualTo(SqlFailure.TRANSIENT);
        assertThat(SqlFailure.of(new SQLTransientConnectionException("timeout")))
                .isEqualTo(SqlFailure.TRANSIENT);
    }

    @Test
    void shouldDeadLetterDataAndConstraintErrorsAndFailOnEverythingElse() {
        assertThat(SqlFailure.of(new SQLException("invalid json", "22P02"))).isEqualTo(SqlFailure.BAD_DATA);
        assertThat(SqlFailure.of(new SQLException("not null", "23502"))).isEqualTo(SqlFailure.BAD_DATA);
        assertThat(SqlFailure.of(new SQLException("no such table", "42P01"))).isEqualTo(SqlFailure.FATAL);
        assertThat(SqlFailure.of(new SQLException("permission", "42501"))).isEqualTo(SqlFailure.FATAL);
        assertThat(SqlFailure.of(new SQLException("no state"))).isEqualTo(SqlFailure.FATAL);
    }

    @Test
    void shouldClassifyABatchFailureByTheStatementErrorItChains() {
        var batch = new BatchUpdateException("batch entry 3 failed", null, 0, new int[0]);
        batch.setNextException(new SQLException("value too long", "22001"));

        assertThat(SqlFailure.of(batch)).isEqualTo(SqlFailure.BAD_DATA);
        assertThat(SqlFailure.reason(batch)).isEqualTo("value too long");
    }
}
