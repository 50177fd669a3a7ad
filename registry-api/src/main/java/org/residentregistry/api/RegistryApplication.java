package org.residentregistry.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The registry server: HTTP, security and wiring around the domain in registry-core. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RegistryApplication {

    public static void main(String[] args) {
        // A registry on a closed network must never try to reach AxonIQ's update checker.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(RegistryApplication.class, args);
    }
}
