package org.residentregistry.api.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.residentregistry.api.HttpTestClient;
import org.residentregistry.api.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes affairs, departments and accounts through the administration API, as the bootstrap
 * administrator, each with a fresh id so that tests sharing a database do not collide.
 */
public final class AdministrationFixture {

    /** Kawaguchi, a municipality of Saitama (domain.md §4.1). */
    public static final String KAWAGUCHI = "112038";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpTestClient http;
    private final String adminToken;

    public AdministrationFixture(HttpTestClient http, String adminToken) {
        this.http = http;
        this.adminToken = adminToken;
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String affair() {
        String code = newId("affair");
        created(http.post("/api/v1/admin/affairs", adminToken, """
                {"code":"%s","name":"自動車税の賦課徴収","legalBasis":"住民基本台帳法別表第五第五号","kind":"TRANSFER",
                 "files":["IDENTITY"],"individualNumberAllowed":false}""".formatted(code)));
        return code;
    }

    public String department() {
        String id = newId("dept");
        created(http.post("/api/v1/admin/departments", adminToken, """
                {"id":"%s","name":"総務部税務課","kind":"DEPARTMENT","affairs":["%s"]}""".formatted(id, affair())));
        return id;
    }

    /** A new account of the role, with the municipality or department the role needs; returns its token. */
    public String account(Role role) {
        return account(newId(role.name().toLowerCase().replace('_', '-')), role);
    }

    public String account(String id, Role role) {
        String token = newToken();
        String scope = switch (role) {
            case MUNICIPAL_CS -> ",\"municipalityCode\":\"" + KAWAGUCHI + "\"";
            case DEPARTMENT_OPERATOR -> ",\"departmentId\":\"" + department() + "\"";
            default -> "";
        };
        created(http.post("/api/v1/admin/accounts", adminToken, """
                {"id":"%s","role":"%s","token":"%s"%s}""".formatted(id, role, token, scope)));
        return token;
    }

    /** A municipal server account for {@code municipality}; returns its token. */
    public String municipalServer(String municipality) {
        String token = newToken();
        created(http.post("/api/v1/admin/accounts", adminToken, """
                {"id":"%s","role":"MUNICIPAL_CS","municipalityCode":"%s","token":"%s"}"""
                .formatted(newId("cs-" + municipality), municipality, token)));
        return token;
    }

    /** A department operator whose department is authorised for a new affair covering {@code files}. */
    public Operator operator(boolean individualNumberAllowed, String... files) {
        String affair = newId("affair");
        created(http.postJson("/api/v1/admin/affairs", adminToken, Map.of("code", affair, "name", "県税の賦課徴収",
                "legalBasis", "住基法別表第五第十号", "kind", "TRANSFER", "files", List.of(files),
                "individualNumberAllowed", individualNumberAllowed)));
        String department = newId("dept");
        created(http.postJson("/api/v1/admin/departments", adminToken, Map.of("id", department, "name", "総務部税務課",
                "kind", "DEPARTMENT", "affairs", List.of(affair))));
        String id = newId("op");
        String token = newToken();
        created(http.postJson("/api/v1/admin/accounts", adminToken, Map.of("id", id,
                "role", "DEPARTMENT_OPERATOR", "departmentId", department, "token", token)));
        return new Operator(token, affair, id, department);
    }

    /** An operator's token, the affair their department is authorised for, their id and their department. */
    public record Operator(String token, String affair, String id, String department) {
    }

    private static void created(HttpTestClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }
}
