package org.residentregistry.benchmarks.suite.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The registry's HTTP API as its callers reach it: bearer tokens, JSON bodies. One JDK client, shared by every
 * thread of the harness; it keeps a connection per concurrent caller open, as a municipal server or a
 * department's system would.
 */
public final class RegistryHttp {

    /** A batch of 1,000 notifications takes well under a second; minutes mean the server is stuck. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient client = HttpClient.newBuilder()
            // Plain HTTP/1.1, as the server speaks it: no h2c upgrade attempt on every new connection.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;

    public RegistryHttp(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** A response, its body kept as bytes: most are only counted, some read as JSON. */
    public record Reply(int status, byte[] body) {

        public boolean ok() {
            return status / 100 == 2;
        }

        public <T> T read(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not the JSON expected (HTTP " + status + ")", e);
            }
        }

        /** Fails unless the status is the one expected; the body goes into the message, so use it for setup only. */
        public Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected HTTP " + expected + " but got " + status + ": "
                        + new String(body, StandardCharsets.UTF_8));
            }
            return this;
        }
    }

    /** {@code token} may be null: no Authorization header. */
    public Reply get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    public Reply post(String path, String token, byte[] json) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    public Reply post(String path, String token, Object body) throws IOException, InterruptedException {
        return post(path, token, json(body));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body());
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON", e);
        }
    }
}
