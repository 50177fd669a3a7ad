package org.residentregistry.benchmarks.suite;

import java.nio.file.Path;

/**
 * The jars the reactor built before this module (see the pom), as failsafe names them; the fallbacks serve a run from
 * an IDE, in the module's folder.
 */
public final class PackagedJars {

    /** The server's, {@code registry-api.jar}: the property test-support's {@code RegistryServerProcess} reads too. */
    public static final Path SERVER = Path.of(System.getProperty("registry.jar", "../registry-api/target/registry-api.jar"));

    public static final Path REPLAY_TOOLS = Path.of(System.getProperty("replay-tools.jar",
            "../replay-tools/target/replay-tools.jar"));

    private PackagedJars() {
    }
}
