package org.residentregistry.api;

import org.junit.jupiter.api.BeforeEach;
import org.residentregistry.api.admin.AdministrationFixture;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An integration test that calls the server over HTTP, with the bootstrap administrator's fixture at hand. */
public abstract class ApiIntegrationTest extends RegistryIntegrationTest {

    @LocalServerPort
    private int port;

    protected HttpTestClient http;
    protected AdministrationFixture administration;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
        administration = new AdministrationFixture(http, BOOTSTRAP_ADMIN_TOKEN);
    }
}
