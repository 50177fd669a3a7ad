package org.residentregistry.api;

import org.junit.jupiter.api.BeforeEach;
import org.residentregistry.api.support.RegistryClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the tests that run the whole server against its embedded PostgreSQL. Tests sharing this
 * configuration share one server and one database (Spring's context cache), so each test makes its
 * own residents, accounts and affairs rather than expecting an empty database.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "registry.data-dir=target/test-data/${random.uuid}",
        "registry.bootstrap-admin-token=" + RegistryClient.BOOTSTRAP_TOKEN})
public abstract class RegistryIntegrationTest {

    @LocalServerPort
    protected int port;

    protected RegistryClient registry;

    @BeforeEach
    void connect() {
        registry = new RegistryClient(port);
    }
}
