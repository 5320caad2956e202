package dev.fairbill.refund;

import org.junit.jupiter.api.Test;

import dev.fairbill.platform.testsupport.StoredTypeRules;

class StoredTypesTest {

    private static final String SERVICE = "dev.fairbill.refund";

    @Test
    void everyEventSnapshotAndSagaIsStoredUnderAStableNameOfThisService() {
        StoredTypeRules.assertEveryStoredTypeIsNamedWithin(SERVICE, "refund");
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
