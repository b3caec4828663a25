package dev.wacalls.consent.jdbc;

import dev.wacalls.consent.ConsentStore;
import dev.wacalls.consent.InMemoryConsentStore;

/** The reference implementation holds to the same contract as the JDBC store. */
class InMemoryConsentStoreContractTest extends ConsentStoreContract {
    private final InMemoryConsentStore store = new InMemoryConsentStore();

    @Override
    ConsentStore store() {
        return store;
    }
}
