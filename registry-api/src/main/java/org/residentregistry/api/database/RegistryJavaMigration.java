package org.residentregistry.api.database;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration written in Java, for a step that needs the registry's own code (a hash, Axon's rules), with its
 * version and description given rather than read from a class name: run once in Flyway's transaction, like the SQL
 * migrations, and without a checksum (its code may be refactored without it counting as a changed migration).
 */
public abstract class RegistryJavaMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    protected RegistryJavaMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
