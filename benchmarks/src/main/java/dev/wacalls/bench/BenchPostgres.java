package dev.wacalls.bench;

import dev.wacalls.consent.ConsentStore;

/** A real PostgreSQL for the consent benchmark. Filled in with the JDBC consent store. */
final class BenchPostgres implements AutoCloseable {
    static BenchPostgres start() {
        throw new IllegalStateException("store=postgres needs the JDBC consent store");
    }

    ConsentStore store() {
        throw new IllegalStateException("not started");
    }

    @Override
    public void close() {}
}
