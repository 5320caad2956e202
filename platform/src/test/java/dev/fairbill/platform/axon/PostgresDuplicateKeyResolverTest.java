package dev.fairbill.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class PostgresDuplicateKeyResolverTest {

    private final PostgresDuplicateKeyResolver resolver =
            (PostgresDuplicateKeyResolver) new AxonPostgresAutoConfiguration().axonPersistenceExceptionResolver();

    @Test
    void aUniqueViolationAnywhereInTheChainIsAConcurrentAppend() {
        var duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        var batch = new BatchUpdateException("Batch entry 0 INSERT INTO DomainEventEntry was aborted", "23505", 0,
                new int[0]);
        var batchWithoutState = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        batchWithoutState.setNextException(duplicate);

        assertThat(resolver.isDuplicateKeyViolation(new JdbcException("append failed", duplicate))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new JdbcException("append failed", batchWithoutState))).isTrue();
    }

    /** Axon's resolver threw NoClassDefFoundError here (it looks for JPA), which stopped the processor for good. */
    @Test
    void aDroppedConnectionIsAFailureNotADuplicateAndClassifiesWithoutJpa() {
        var dropped = new BatchUpdateException("terminating connection due to administrator command", "57P01", 0,
                new int[0]);

        assertThat(resolver.isDuplicateKeyViolation(new JdbcException("append failed", dropped))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new DataAccessResourceFailureException("JDBC commit",
                new SQLException("Connection is closed")))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
