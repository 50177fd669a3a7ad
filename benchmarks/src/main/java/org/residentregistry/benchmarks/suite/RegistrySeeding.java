package org.residentregistry.benchmarks.suite;

import java.io.PrintWriter;
import java.util.Locale;

import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.seed.RegistrySeeder;
import org.residentregistry.benchmarks.suite.environment.EmbeddedDatabase;
import org.residentregistry.benchmarks.suite.environment.RegistryEnvironment;
import org.residentregistry.benchmarks.suite.measure.Figures;

/**
 * A registry filled by the seeder (the rows the server writes, by JDBC batches) rather than loaded through the API,
 * for the commands that measure a large registry's reads: an hour of loading at 10M becomes twenty minutes.
 */
final class RegistrySeeding {

    /** The seeder's own defaults (its command's). */
    private static final int CONNECTIONS = 2;
    private static final int BATCH = 2000;

    private RegistrySeeding() {
    }

    /**
     * Seeds the database of {@code server}'s work folder, kept for a later relaunch: the server starts on it once
     * (its migrations make the schema, its streaming processors claim their tokens) and is stopped, then the seeder
     * writes the prefecture's residents, {@code movedShare} of them with a second version (a move within their
     * municipality notified long ago). Answers the line the report states it with.
     */
    static String seed(ServerOptions server, SyntheticPrefecture prefecture, double movedShare, PrintWriter out)
            throws Exception {
        RegistryEnvironment.launch(server.launch(), server.postgresSettings(), true).close();
        try (EmbeddedDatabase postgres = EmbeddedDatabase.reopen(server.launch().workFolder(),
                server.postgresSettings())) {
            RegistrySeeder.Result seeded = new RegistrySeeder(postgres.database()).seed(prefecture,
                    new RegistrySeeder.Settings(movedShare, RegistrySeeder.MOVED_ON, CONNECTIONS, BATCH));
            String line = String.format(Locale.ROOT, "Seeded by the seeder (`RegistrySeeder`, %d connections): %s "
                            + "residents in %s (%s).", CONNECTIONS, Figures.count(seeded.residents()),
                    Figures.duration(seeded.took()), Figures.rate(seeded.residentsPerSecond(), "residents"));
            out.println(line);
            return line;
        }
    }
}
