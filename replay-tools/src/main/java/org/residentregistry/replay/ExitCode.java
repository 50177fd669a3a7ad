package org.residentregistry.replay;

/** The tool's exit codes, listed in its help and in the README. Scripts rely on them: never renumber one. */
enum ExitCode {
    OK(0, "done: the record was found, or no difference"),
    FINDING(1, "not found (no record at that instant, no events for that resident code), differences found, or the"
            + " provision log does not verify"),
    USAGE(2, "invalid options or arguments"),
    DATABASE(3, "the database could not be reached, or a query failed"),
    OUTPUT(4, "the output file could not be written"),
    UNREADABLE_EVENT(5, "an event in the store could not be read: unknown type or revision, or a malformed payload"),
    FAILURE(6, "an unexpected error in the tool itself");

    final int code;
    final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }
}
