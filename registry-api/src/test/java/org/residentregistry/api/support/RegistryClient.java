package org.residentregistry.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.residentregistry.api.RegistryIntegrationTest;

/**
 * The registry as its users reach it: HTTP with bearer tokens. Sets up the accounts a test needs through the
 * administration API with the bootstrap administrator's token.
 */
public class RegistryClient {

    public static final String BOOTSTRAP_TOKEN = RegistryIntegrationTest.BOOTSTRAP_ADMIN_TOKEN;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public RegistryClient(int port) {
        this(URI.create("http://localhost:" + port));
    }

    public RegistryClient(URI base) {
        this.base = base.toString().replaceAll("/$", "");
    }

    public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String token, String path) {
        return send(token, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String token, String path, Object body) {
        return send(token, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Response postRaw(String token, String path, String body) {
        return send(token, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a batch of notifications as {@code {"notifications": [...]}}. */
    public Response notify(String token, List<Map<String, Object>> items) {
        return post(token, "/api/v1/identity/notifications", Map.of("notifications", items));
    }

    /** A municipal server account for {@code municipality}; answers its token. */
    public String municipalServer(String municipality) {
        String token = newToken();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", "cs-" + municipality + "-" + UUID.randomUUID());
        account.put("role", "MUNICIPAL_CS");
        account.put("municipalityCode", municipality);
        account.put("token", token);
        expect(post(BOOTSTRAP_TOKEN, "/api/v1/admin/accounts", account), 201);
        return token;
    }

    /**
     * A department operator whose department is authorised for a new affair covering {@code files};
     * answers the operator's token and the affair's code.
     */
    public Operator operator(boolean individualNumberAllowed, String... files) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String affair = "affair-" + suffix;
        expect(post(BOOTSTRAP_TOKEN, "/api/v1/admin/affairs", Map.of("code", affair, "name", "県税の賦課徴収",
                "legalBasis", "住基法別表第五第十号", "kind", "TRANSFER", "files", List.of(files),
                "individualNumberAllowed", individualNumberAllowed)), 201);
        String department = "dept-" + suffix;
        expect(post(BOOTSTRAP_TOKEN, "/api/v1/admin/departments", Map.of("id", department, "name", "総務部税務課",
                "kind", "DEPARTMENT", "affairs", List.of(affair))), 201);
        String token = newToken();
        expect(post(BOOTSTRAP_TOKEN, "/api/v1/admin/accounts", Map.of("id", "op-" + suffix,
                "role", "DEPARTMENT_OPERATOR", "departmentId", department, "token", token)), 201);
        return new Operator(token, affair, "op-" + suffix, department);
    }

    public record Operator(String token, String affair, String id, String department) {
    }

    public static String newToken() {
        return "tok-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    public static Response expect(Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + response.status() + ": " + response.body());
        }
        return response;
    }

    private Response send(String token, HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
