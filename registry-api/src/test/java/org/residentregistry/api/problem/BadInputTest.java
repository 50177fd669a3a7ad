package org.residentregistry.api.problem;

import java.net.http.HttpRequest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.HttpTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.residentregistry.api.problem.ProblemAssertions.assertProblem;
import static org.residentregistry.api.problem.ProblemAssertions.fieldErrors;

/** Bad input of every kind is a problem document, never a 500 or a stack trace, through an admin endpoint. */
class BadInputTest extends ApiIntegrationTest {

    private static final String AFFAIRS = "/api/v1/admin/affairs";
    private static final String VALID = """
            {"code":"c","name":"n","legalBasis":"b","kind":"TRANSFER","files":["IDENTITY"],"individualNumberAllowed":false}""";

    private Reply post(String json) {
        return http.post(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN, json);
    }

    @Test
    void malformedJsonIs400() {
        for (String body : new String[] {"{\"code\": ", "not json", VALID + " trailing", ""}) {
            JsonNode problem = assertProblem(post(body), 400);
            assertThat(problem.has("errors")).isFalse();
        }
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        String body = VALID.replace("{", "{\"secretLevel\":\"top\",");

        Reply reply = post(body);

        assertThat(fieldErrors(reply)).containsOnly(entry("secretLevel", "UNKNOWN_FIELD"));
        assertThat(reply.body()).doesNotContain("top");
    }

    @Test
    void aRepeatedFieldIs400() {
        assertProblem(post(VALID.replace("{", "{\"kind\":\"PROVISION\",")), 400);
    }

    @Test
    void aValueOfTheWrongJsonTypeIs400NamingIt() {
        assertThat(fieldErrors(post(VALID.replace("[\"IDENTITY\"]", "\"IDENTITY\"")))).containsOnly(entry("files", "WRONG_TYPE"));
        assertThat(fieldErrors(post(VALID.replace("\"individualNumberAllowed\":false", "\"individualNumberAllowed\":\"yes\""))))
                .containsOnly(entry("individualNumberAllowed", "WRONG_TYPE"));
        assertThat(fieldErrors(post(VALID.replace("\"n\"", "42")))).containsOnly(entry("name", "WRONG_TYPE"));
        assertThat(fieldErrors(post(VALID.replace("[\"IDENTITY\"]", "[{\"file\":1}]")))).containsOnly(entry("files[0]", "WRONG_TYPE"));
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = VALID.replace("\"n\"", "\"" + "x".repeat(5 * 1024 * 1024) + "\"");

        assertProblem(post(huge), 413);
        // Also when the body comes in chunks and declares no length.
        assertProblem(http.send(http.request(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes())))), 413);
    }

    @Test
    void anUnsupportedMediaTypeIs415() {
        assertProblem(http.send(http.request(AFFAIRS, BOOTSTRAP_ADMIN_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(VALID))), 415);
    }

    @Test
    void aRequestTheFirewallRejectsIsAProblemDocumentToo() {
        assertProblem(http.get("/api/v1/admin/accounts/%2e%2e/departments", BOOTSTRAP_ADMIN_TOKEN), 400);
    }
}
