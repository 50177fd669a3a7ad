package org.residentregistry.api.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.residentregistry.core.relay.DeliveryOutcome;
import org.residentregistry.core.relay.NationalServer;
import org.residentregistry.core.relay.RelayDestination;
import org.residentregistry.core.relay.RelayedChange;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The national servers over HTTP: a call is a JSON POST of {@code {"changes": [...]}}, each change with its
 * {@code idempotencyKey}; the answer {@code {"results": [{"idempotencyKey", "status", "reason"?}]}} says for each
 * whether it was {@code APPLIED}, a {@code DUPLICATE} of one applied before (delivered too) or {@code REJECTED}.
 * A whole call answered 408, 429 or 5xx, or not answered, fails every change in it; any other 4xx rejects them.
 */
public final class HttpNationalServer implements NationalServer {

    /** Sent with every call, so that the receiver (and an operator reading its log) can tell the nodes apart. */
    public static final String NODE_HEADER = "X-Relay-Node";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A national server's URL, and the client that holds its timeouts and TLS settings. */
    public record Target(URI url, RestClient client) {
    }

    private final Map<RelayDestination, Target> targets;
    private final String node;

    public HttpNationalServer(Map<RelayDestination, Target> targets, String node) {
        this.targets = Map.copyOf(targets);
        this.node = node;
    }

    @Override
    public List<DeliveryOutcome> deliver(RelayDestination destination, List<RelayedChange> changes) {
        StringBuilder body = new StringBuilder(changes.size() * 1024).append("{\"changes\":[");
        for (int i = 0; i < changes.size(); i++) {
            body.append(i == 0 ? "" : ",").append(changes.get(i).payload());
        }
        body.append("]}");
        Target target = targets.get(destination);
        return target.client().post()
                .uri(target.url())
                .contentType(MediaType.APPLICATION_JSON)
                .header(NODE_HEADER, node)
                .body(body.toString())
                .exchange((request, response) -> outcomes(changes, response.getStatusCode(), () -> JSON.readTree(response.getBody())));
    }

    private interface Body {
        JsonNode read() throws IOException;
    }

    private static List<DeliveryOutcome> outcomes(List<RelayedChange> changes, HttpStatusCode status, Body body) {
        if (!status.is2xxSuccessful()) {
            String reason = "HTTP_" + status.value();
            boolean passes = status.is5xxServerError() || status.value() == 408 || status.value() == 429;
            DeliveryOutcome outcome = passes ? new DeliveryOutcome.Failed(reason) : new DeliveryOutcome.Rejected(reason);
            return changes.stream().map(c -> outcome).toList();
        }
        Map<String, DeliveryOutcome> byKey = new HashMap<>();
        try {
            for (JsonNode result : body.read().path("results")) {
                byKey.put(result.path("idempotencyKey").asText(), outcome(result));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        DeliveryOutcome unanswered = new DeliveryOutcome.Failed("NO_RESULT");
        return changes.stream().map(c -> byKey.getOrDefault(c.idempotencyKey(), unanswered)).toList();
    }

    private static DeliveryOutcome outcome(JsonNode result) {
        return switch (result.path("status").asText()) {
            case "APPLIED", "DUPLICATE" -> DeliveryOutcome.DELIVERED;
            case "REJECTED" -> new DeliveryOutcome.Rejected(reasonCode(result.path("reason").asText("REJECTED")));
            default -> new DeliveryOutcome.Failed("UNKNOWN_STATUS");
        };
    }

    /** The receiver's reason, kept only as a code: what it wrote is not ours to trust with personal data. */
    private static String reasonCode(String reason) {
        String code = reason.replaceAll("[^A-Za-z0-9_]", "");
        return code.isEmpty() ? "REJECTED" : code.substring(0, Math.min(code.length(), 64));
    }
}
