package org.residentregistry.replay;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One run of the replay tools' command line in the test's JVM, as {@code main} runs it: its exit code and output. */
record ToolRun(int exitCode, String out, String err) {

    static ToolRun of(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ReplayTools.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(arguments);
        return new ToolRun(exitCode, out.toString(), err.toString());
    }

    /** Against the database at {@code jdbcUrl}, an embedded PostgreSQL's (user postgres, no password). */
    static ToolRun against(String jdbcUrl, String... arguments) {
        List<String> withDatabase = new ArrayList<>(List.of(arguments));
        withDatabase.addAll(List.of("--jdbc-url", jdbcUrl, "--user", "postgres"));
        return of(withDatabase.toArray(String[]::new));
    }
}
