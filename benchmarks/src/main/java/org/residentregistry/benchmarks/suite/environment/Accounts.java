package org.residentregistry.benchmarks.suite.environment;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.prefecture.Municipality;

/**
 * The callers a benchmark run needs, made through the administration API with the bootstrap administrator's
 * token: a municipal server (MUNICIPAL_CS) per municipality, a department operator whose department may query the
 * identity file for one affair, and an OPERATIONS account for the metrics. Ids carry a run id, so that runs
 * against the same long-lived server do not collide (account ids are never reused).
 */
public record Accounts(Map<MunicipalityCode, String> municipalServerTokens, Operator operator,
                       String operationsToken) {

    private static final String ADMIN = "/api/v1/admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A department operator and the affair they query for. */
    public record Operator(String token, String affair) {
        @Override
        public String toString() {
            return "Operator[" + affair + "]";
        }
    }

    public String municipalServerToken(MunicipalityCode municipality) {
        String token = municipalServerTokens.get(municipality);
        if (token == null) {
            throw new IllegalArgumentException("no municipal server account for " + municipality.value());
        }
        return token;
    }

    public static Accounts create(RegistryHttp http, String adminToken, List<Municipality> municipalities)
            throws IOException, InterruptedException {
        String run = "bench-" + HexFormat.of().formatHex(randomBytes(4));
        Map<MunicipalityCode, String> servers = new HashMap<>();
        for (Municipality m : municipalities) {
            String token = newToken();
            http.post(ADMIN + "/accounts", adminToken, Map.of("id", run + "-cs-" + m.code().value(),
                    "role", "MUNICIPAL_CS", "municipalityCode", m.code().value(), "token", token))
                    .expect(201, "municipal server account");
            servers.put(m.code(), token);
        }

        String affair = run + "-identity";
        http.post(ADMIN + "/affairs", adminToken, Map.of("code", affair, "name", "ベンチマーク用の事務",
                "legalBasis", "住基法別表第五", "kind", "TRANSFER", "files", List.of("IDENTITY"),
                // The whole record, as the plain-JDBC reference reads the whole row.
                "individualNumberAllowed", true)).expect(201, "affair");
        String department = run + "-department";
        http.post(ADMIN + "/departments", adminToken, Map.of("id", department, "name", "ベンチマーク課",
                "kind", "DEPARTMENT", "affairs", List.of(affair))).expect(201, "department");
        String operatorToken = newToken();
        http.post(ADMIN + "/accounts", adminToken, Map.of("id", run + "-operator", "role", "DEPARTMENT_OPERATOR",
                "departmentId", department, "token", operatorToken)).expect(201, "operator account");

        String operationsToken = newToken();
        http.post(ADMIN + "/accounts", adminToken, Map.of("id", run + "-operations", "role", "OPERATIONS",
                "token", operationsToken)).expect(201, "operations account");
        return new Accounts(Map.copyOf(servers), new Operator(operatorToken, affair), operationsToken);
    }

    /** 256 random bits: tokens must have at least 32 characters. */
    public static String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Tokens are credentials: never in a log. */
    @Override
    public String toString() {
        return "Accounts[" + municipalServerTokens.size() + " municipal servers, " + operator + "]";
    }
}
