package org.residentregistry.replay;

import java.io.IOException;
import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON on the standard output, written with the store's mapping: instants in ISO-8601 UTC, dates ISO. */
final class JsonOutput {

    private static final ObjectMapper JSON = FileEvents.STORE_JSON;

    private JsonOutput() {
    }

    static void print(PrintWriter out, Object document) throws IOException {
        // As a string: writing to the writer itself would close it.
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }

    /** A generator for a document written as it goes (a long report); the caller closes it. */
    static JsonGenerator stream(PrintWriter out) throws IOException {
        return JSON.createGenerator(out).useDefaultPrettyPrinter()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }
}
