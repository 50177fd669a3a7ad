package org.residentregistry.replay;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: the database to read, the output format, and the command line it runs in. */
abstract class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Mixin
    OutputFormat output;

    /** Standard output, as the command line has it (tests capture it). */
    PrintWriter stdout() {
        return spec.commandLine().getOut();
    }
}
