package dev.fairbill.ledger;

import org.junit.jupiter.api.Test;

import dev.fairbill.platform.testsupport.StoredTypeRules;

class StoredTypesTest {

    private static final String SERVICE = "dev.fairbill.ledger";

    @Test
    void everyEventSnapshotAndSagaIsStoredUnderAStableNameOfThisService() {
        StoredTypeRules.assertEveryStoredTypeIsNamedWithin(SERVICE, "ledger");
    }

    @Test
    void whatWasStoredUnderAFormerClassNameIsReadAsTheClassThatHadIt() {
        StoredTypeRules.assertFormerNamesReadAsTheirClasses(SERVICE);
    }

    @Test
    void everyStoredEventKeepsItsValuesAsValues() {
        StoredTypeRules.assertStoredEventsKeepTheirValuesAsValues(SERVICE);
    }
}
