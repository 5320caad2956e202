package dev.fairbill.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fairbill.platform.PlatformIntegrationTest;

/** A thread that asks the pool for a second connection while it holds one is stopped before it can deadlock. */
@PlatformIntegrationTest
class ConnectionGuardIT {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @Test
    void theServicesPoolIsGuardedOnceTheServiceHasStarted() {
        assertThat(dataSource).isInstanceOf(ConnectionGuard.class);
    }

    @Test
    void aQueryInsideARowMapperOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> jdbc.sql("SELECT generate_series(1, 2)")
                .query((row, n) -> jdbc.sql("SELECT 1").query(Integer.class).single())
                .list())
                .isInstanceOf(CannotGetJdbcConnectionException.class)
                .rootCause().hasMessageContaining("while holding 1");
        assertThat(((ConnectionGuard) dataSource).heldByCurrentThread()).isZero();
    }

    @Test
    void theSameQueriesInOneTransactionShareItsConnection() {
        List<Integer> inner = transactions.execute(status -> jdbc.sql("SELECT generate_series(1, 2)")
                .query((row, n) -> jdbc.sql("SELECT 1").query(Integer.class).single())
                .list());

        assertThat(inner).containsExactly(1, 1);
    }

    @Test
    void queriesOneAfterTheOtherEachTakeAndReturnOneConnection() {
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
        assertThat(((ConnectionGuard) dataSource).heldByCurrentThread()).isZero();
    }
}
