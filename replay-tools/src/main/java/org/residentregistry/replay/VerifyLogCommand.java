package org.residentregistry.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.residentregistry.projections.provision.CheckpointKey;
import org.residentregistry.projections.provision.ProvisionLogVerification;
import org.residentregistry.projections.provision.ProvisionLogVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "verify-log", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = {
                "Verifies the provision log (提供・移転記録) as the database holds it, independently of the server: recomputes"
                        + " every entry's hash along the chain, checks each entry's per-resident rows, every checkpoint's"
                        + " HMAC with the checkpoint key, the links between checkpoints, the retention purges' records and the chain's"
                        + " head. Reports the"
                        + " first seq that is not as written and why; exit code 1 if there is one.",
                "The same verification as the server's GET /api/v1/audit/provision-log/verification (one implementation,"
                        + " in the registry's projections module). Streams the log in bounded memory, in one snapshot."})
final class VerifyLogCommand extends StoreCommand {

    @Option(names = "--key-file", required = true, paramLabel = "FILE",
            description = "The checkpoint key file (registry.provision-log.checkpoint-key-file of the server).")
    private Path keyFile;

    @Override
    public Integer call() throws SQLException, IOException {
        CheckpointKey key;
        try {
            key = CheckpointKey.read(keyFile);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "Cannot read the checkpoint key: " + e.getMessage());
        }
        long started = System.nanoTime();
        ProvisionLogVerification verification;
        try (Connection connection = database.connect();
             Progress progress = Progress.start("Verify", " entries", () -> count(connection))) {
            verification = new ProvisionLogVerifier(key).verify(connection, seq -> progress.step());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (output.json()) {
            JsonOutput.print(stdout(), verification);
        } else if (verification.valid()) {
            stdout().printf("The provision log is valid: %d entries and %d checkpoints checked in %.1f s; sealed up to seq %d%s.%n",
                    verification.entriesChecked(), verification.checkpointsChecked(), seconds, verification.sealedUpTo(),
                    verification.purgedThrough() == 0 ? ""
                            : "; erased by retention through seq " + verification.purgedThrough() + ", a purge recorded with the key");
        } else {
            stdout().printf("The provision log is NOT valid from seq %d: %s (%d entries and %d checkpoints were valid before it).%n",
                    verification.firstInvalidSeq(), verification.reason(), verification.entriesChecked(),
                    verification.checkpointsChecked());
        }
        return (verification.valid() ? ExitCode.OK : ExitCode.FINDING).code;
    }

    /** The progress bar's total from the key's two ends (seqs are gap-free), not a count of the whole log. */
    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(max(seq) - min(seq) + 1, 0) FROM provision_log");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
