package org.residentregistry.api.reconciliation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.api.admin.AdministrationFixture;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.support.RegistryServerProcess;
import org.residentregistry.core.codes.ResidentCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A large gzipped extract reconciled by the packaged server with a small heap, killed with SIGKILL while the
 * comparison runs: the job resumes after the restart and reports every row.
 */
class ReconciliationIT {

    private static final int HELD = 2_000;
    private static final int ROWS = 200_000;

    /** Generous: on the shared 2-core machine a start has taken over 90 s under load. */
    private static final Duration START = Duration.ofMinutes(3);

    private final Path dataDir = Path.of("target/it-data", UUID.randomUUID().toString());

    @Test
    void reconcilesALargeExtractInBoundedMemoryAndResumesAfterAKill() throws Exception {
        try (RegistryServerProcess server = RegistryServerProcess.start(dataDir, List.of("-Xmx128m"),
                "--registry.bootstrap-admin-token=" + RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN)) {
            server.awaitHealthy(START);
            HttpTestClient http = new HttpTestClient(server.uri("/"));
            String cs = new AdministrationFixture(http, RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN)
                    .municipalServer(Notifications.KAWAGUCHI);
            List<Map<String, Object>> held = new ArrayList<>();
            for (int batch = 0; batch < HELD / 1_000; batch++) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    items.add(Notifications.moveIn(Notifications.KAWAGUCHI));
                }
                Notifications.send(http, cs, items).expect(200);
                held.addAll(items);
            }
            Path extract = extract(held);

            long start = System.nanoTime();
            String id = http.send(http.request("/api/v1/identity/reconciliations", cs).header("Content-Type", "text/csv")
                    .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofFile(extract)))
                    .expect(202).json().get("id").asText();
            long uploaded = System.nanoTime();
            String stateWhenKilled = summary(http, cs, id).get("status").asText();
            server.kill();
            assertThat(stateWhenKilled).as("killed while the comparison ran").isIn("RECEIVED", "RUNNING");

            server.restart();
            server.awaitHealthy(START);
            long restarted = System.nanoTime();
            JsonNode summary = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                    () -> summary(http, cs, id), s -> s.get("status").asText().equals("COMPLETED"));
            System.out.printf("Reconciliation of %,d rows (heap 128 MB): upload %.1f s, comparison after restart %.1f s%n",
                    ROWS, (uploaded - start) / 1e9, (System.nanoTime() - restarted) / 1e9);
            assertThat(summary.get("records").asLong()).isEqualTo(ROWS);
            assertThat(summary.get("matched").asLong()).isEqualTo(HELD);
            assertThat(summary.get("onlyInMunicipality").asLong()).isEqualTo(ROWS - HELD);
            assertThat(summary.get("onlyInRegistry").asLong()).isZero();
            assertThat(summary.get("badRows").asLong()).isZero();
            assertThat(server.output()).doesNotContain("OutOfMemoryError");
        }
    }

    private static JsonNode summary(HttpTestClient http, String cs, String id) {
        return http.get("/api/v1/identity/reconciliations/" + id, cs).expect(200).json();
    }

    /** The held residents' rows and then residents the registry has never heard of, gzipped, written as generated. */
    private Path extract(List<Map<String, Object>> held) throws IOException {
        Path file = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-extract")).resolve("extract.csv.gz");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.UTF_8))) {
            out.write("residentCode,kanjiName,kanaName,birthDate,sex,address,oazaCode,individualNumber\n");
            for (Map<String, Object> resident : held) {
                out.write(ReconciliationTest.csv(ReconciliationTest.row(resident)));
            }
            for (int i = held.size(); i < ROWS; i++) {
                String code = ResidentCode.withCheckDigit(String.format("99%08d", i)).value();
                out.write(code + ",山田 花子,ヤマダ ハナコ,1990-01-01,2,埼玉県川口市本町一丁目１番１号,0010,\n");
            }
        }
        return file;
    }
}
