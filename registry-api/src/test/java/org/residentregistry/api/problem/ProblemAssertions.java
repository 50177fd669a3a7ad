package org.residentregistry.api.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.residentregistry.api.HttpTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of RFC 9457 problem documents as interface.md's Conventions describe them. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** The reply is a problem document with this status and type, title, status and detail. */
    public static JsonNode assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asText()).isNotEmpty();
        assertThat(problem.path("title").asText()).isNotEmpty();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotEmpty();
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
        return problem;
    }

    /** A 400 problem document's errors, field to code, each with a message. */
    public static Map<String, String> fieldErrors(Reply reply) {
        JsonNode problem = assertProblem(reply, 400);
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode error : problem.path("errors")) {
            assertThat(error.path("message").asText()).isNotEmpty();
            errors.put(error.path("field").asText(), error.path("code").asText());
        }
        return errors;
    }
}
