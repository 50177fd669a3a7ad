package org.residentregistry.benchmarks.seed;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.residentregistry.benchmarks.prefecture.Scale;
import org.residentregistry.benchmarks.prefecture.SyntheticPrefecture;
import org.residentregistry.benchmarks.suite.environment.Database;
import org.residentregistry.core.prefecture.Prefecture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The seeder's command line: fills an empty registry database with a synthetic Saitama. */
@Command(name = "seed-registry", mixinStandardHelpOptions = true,
        description = {"Fills an EMPTY registry database (the server started on it once, then stopped) with a synthetic"
                + " prefecture's residents, writing the rows the server writes for their notifications.",
                "Prints counts and timings, never a record."})
public final class SeedRegistry implements Callable<Integer> {

    @Option(names = "--jdbc-url", required = true, description = "The registry's database.")
    private String jdbcUrl;

    @Option(names = "--user", defaultValue = "${env:REGISTRY_DB_USER:-postgres}",
            description = "Database user (or REGISTRY_DB_USER).")
    private String user;

    @Option(names = "--password", defaultValue = "${env:REGISTRY_DB_PASSWORD:-}",
            description = "Database password (prefer REGISTRY_DB_PASSWORD: the process list shows options).")
    private String password;

    @Option(names = "--residents", defaultValue = "10k", converter = Scale.class,
            description = "Residents: 2k, 1M, 10M... (default: ${DEFAULT-VALUE}).")
    private long residents;

    @Option(names = "--seed", defaultValue = "42", description = "The synthetic prefecture's seed.")
    private long seed;

    @Option(names = "--moved-share", defaultValue = "0.1",
            description = "Share of residents with a second version, a move within their municipality (default: ${DEFAULT-VALUE}).")
    private double movedShare;

    @Option(names = "--moved-on", defaultValue = "2026-05-01",
            description = "The day the moves are notified (Japan's time; default: ${DEFAULT-VALUE}); the initial load's is 2026-04-01.")
    private LocalDate movedOn;

    @Option(names = "--connections", defaultValue = "2", description = "Municipalities written at once (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--batch-size", defaultValue = "2000", description = "Residents a transaction (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SeedRegistry()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SyntheticPrefecture prefecture = new SyntheticPrefecture(Prefecture.saitama(), seed, residents,
                SyntheticPrefecture.DEFAULT_REFERENCE_DATE);
        RegistrySeeder.Result result = new RegistrySeeder(new Database(jdbcUrl, user, password))
                .seed(prefecture, new RegistrySeeder.Settings(movedShare, movedOn, connections, batchSize));
        System.out.printf("seeded %,d residents, %,d events in %.1f s (%,.0f residents/s)%n", result.residents(),
                result.events(), result.took().toNanos() / 1e9, result.residentsPerSecond());
        return 0;
    }
}
