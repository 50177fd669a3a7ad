package org.residentregistry.api;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the tests that run the whole server against its embedded PostgreSQL. Tests sharing this
 * configuration share one server and one database (Spring's context cache), so each test makes its
 * own residents, accounts and affairs rather than expecting an empty database.
 * <p>
 * The bootstrap administrator authenticates with {@link #BOOTSTRAP_ADMIN_TOKEN}; tests create the
 * accounts they need through {@code /api/v1/admin} with it.
 */
@Import(TestClock.Registration.class) // time a test can move forward (retention periods)
@AutoConfigureObservability // metrics are part of what the server offers; Spring's tests leave them out by default
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "registry.data-dir=target/test-data/${random.uuid}",
        "registry.bootstrap-admin-token=" + RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN,
        "registry.metrics.refresh=PT1S",
        // Checkpoints soon after the last entry, for the provision log's tests to see them.
        "registry.provision-log.checkpoint-interval=PT1S",
        // Retention periods a test passes by moving the clock a few seconds (moved years, the logs' checkpoint times
        // would run ahead of later tests); purges run only when a test asks for one.
        "registry.retention.superseded-version=PT1S",
        "registry.retention.removed-person=PT1S",
        "registry.retention.purge-schedule=-",
        // A rebuild no node runs is taken up soon (a test stops it on this node to see that).
        "registry.read-model.rebuild.take-over-after=PT2S"})
public abstract class RegistryIntegrationTest {

    public static final String BOOTSTRAP_ADMIN_TOKEN = "bootstrap-admin-token-for-tests-0123456789";
}
