package dev.fairbill.refund.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fairbill.platform.testsupport.IntegrationTest;

/** A saga stored under its class name before sagas had stable names is found and loaded after the migration. */
@IntegrationTest
class SagasUnderStableNamesIT {

    private static final String MIGRATION = "db/migration/V143__sagas_under_stable_names.sql";

    @Autowired JdbcClient jdbc;
    @Autowired SagaStore<Object> sagas;

    @Test
    void aRunningSagaStoredUnderItsClassNameIsRenamedAndStillFoundByItsAssociation() throws IOException {
        String className = ChargebackSaga.class.getName();
        byte[] state = Jackson3Serializer.builder().build().serialize(new ChargebackSaga(), byte[].class).getData();
        jdbc.sql("INSERT INTO sagaentry (sagaid, revision, sagatype, serializedsaga) VALUES ('saga-old', NULL, ?, ?)")
                .params(className, state).update();
        jdbc.sql("""
                INSERT INTO associationvalueentry (associationkey, associationvalue, sagaid, sagatype)
                VALUES ('disputeId', 'dp_renamed', 'saga-old', ?)""").param(className).update();

        jdbc.sql(new ClassPathResource(MIGRATION).getContentAsString(StandardCharsets.UTF_8)).update();

        assertThat(jdbc.sql("SELECT sagatype FROM sagaentry WHERE sagaid = 'saga-old'").query(String.class).single())
                .isEqualTo("refund.ChargebackSaga");
        Set<String> found = sagas.findSagas(ChargebackSaga.class, new AssociationValue("disputeId", "dp_renamed"));
        assertThat(found).containsExactly("saga-old");
        assertThat(sagas.loadSaga(ChargebackSaga.class, "saga-old").saga()).isInstanceOf(ChargebackSaga.class);
    }
}
