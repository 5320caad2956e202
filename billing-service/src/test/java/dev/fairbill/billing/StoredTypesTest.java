package dev.fairbill.billing;

import org.junit.jupiter.api.Test;

import dev.fairbill.platform.testsupport.StoredTypeRules;

class StoredTypesTest {

    private static final String SERVICE = "dev.fairbill.billing";

    @Test
    void everyEventSnapshotAndSagaIsStoredUnderAStableNameOfThisService() {
        StoredTypeRules.assertEveryStoredTypeIsNamedWithin(SERVICE, "billing");
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
