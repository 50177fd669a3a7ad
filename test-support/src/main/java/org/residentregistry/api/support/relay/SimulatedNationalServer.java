package org.residentregistry.api.support.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A stand-in for the national servers (全国サーバ, 附票全国サーバ), whose protocol is not public: it takes the
 * relay's calls ({@code POST /identity}, {@code POST /overseas}, any path outside {@code /control}), applies each
 * change once by its idempotency key (a key seen before is answered {@code DUPLICATE}, which the relay takes as
 * delivered), and checks that each person's versions arrive one after the other from 1: a change out of that order
 * is {@code REJECTED} with {@code OUT_OF_ORDER} and counted. It can be told to fail, slow down, refuse a person or
 * go away, from code or by {@code POST /control/...}; {@code GET /control/summary} counts what it received.
 */
@Command(name = "simulated-national-server", mixinStandardHelpOptions = true,
        description = "Receives the relay's changes as a national server would, and says what it received.")
public final class SimulatedNationalServer implements AutoCloseable, Callable<Integer> {

    /** A change applied, in the order applied, with the node that delivered it. */
    public record Applied(String path, String idempotencyKey, String residentCode, int version, String node) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "9090")
    private int port;

    private HttpServer server;
    private final Map<String, Applied> byKey = new HashMap<>();
    private final List<Applied> applied = new ArrayList<>();
    private final Map<String, Integer> lastVersions = new HashMap<>();
    private final Set<String> refused = new HashSet<>();
    private int duplicates;
    private int outOfOrder;
    private int calls;
    private volatile int failureStatus;
    private volatile Duration delay = Duration.ZERO;
    private int holdFrom = Integer.MAX_VALUE;
    private CountDownLatch held = new CountDownLatch(0);

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatedNationalServer()).execute(args));
    }

    /** Runs from the command line until the process is stopped. */
    @Override
    public Integer call() throws InterruptedException {
        listen(port);
        System.out.println("Simulated national server on http://localhost:" + port + "/identity and /overseas");
        Thread.currentThread().join();
        return 0;
    }

    /** Starts one on a free port. */
    public static SimulatedNationalServer start() {
        SimulatedNationalServer simulated = new SimulatedNationalServer();
        simulated.listen(0);
        return simulated;
    }

    private void listen(int requested) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", requested), 64);
        } catch (IOException portTaken) {
            throw new UncheckedIOException(portTaken);
        }
        port = server.getAddress().getPort();
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "simulated-national-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::receive);
        server.createContext("/control", this::control);
        server.start();
    }

    /** The URL of one of its destinations: {@code identity} or {@code overseas}. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + "/" + path);
    }

    /** From now on every call is answered {@code status} (503, say), and nothing is applied. */
    public void failWith(int status) {
        failureStatus = status;
    }

    /** From now on every call is answered {@code delay} after its changes are applied. */
    public void slowDown(Duration delay) {
        this.delay = delay;
    }

    /**
     * Once {@code count} changes are applied, every call is applied but left unanswered until
     * {@link #releaseAnswers()}: a test that kills the relay then knows calls were out.
     */
    public synchronized void holdAnswersOnceApplied(int count) {
        holdFrom = count;
        held = new CountDownLatch(1);
    }

    /** Answers the calls held by {@link #holdAnswersOnceApplied(int)} and holds no more. */
    public synchronized void releaseAnswers() {
        holdFrom = Integer.MAX_VALUE;
        held.countDown();
    }

    /** From now on every change of {@code residentCode} is rejected for good. */
    public synchronized void refuse(String residentCode) {
        refused.add(residentCode);
    }

    /** Back to answering promptly, applying everything. */
    public synchronized void recover() {
        releaseAnswers();
        failureStatus = 0;
        delay = Duration.ZERO;
        refused.clear();
    }

    /** Stops listening: calls are refused at the connection, as from a server that is down. */
    public void goAway() {
        server.stop(0);
    }

    /** Listens again, on the same port, with what it had received. */
    public void comeBack() {
        listen(port);
    }

    public synchronized List<Applied> applied() {
        return List.copyOf(applied);
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    public synchronized int outOfOrder() {
        return outOfOrder;
    }

    public synchronized int calls() {
        return calls;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (failureStatus != 0) {
                answer(exchange, failureStatus, JSON.createObjectNode().put("title", "failing as told"));
                return;
            }
            JsonNode changes;
            try (InputStream body = exchange.getRequestBody()) {
                changes = JSON.readTree(body).path("changes");
            }
            if (!"POST".equals(exchange.getRequestMethod()) || !changes.isArray()) {
                answer(exchange, 400, JSON.createObjectNode().put("title", "expected a POST of {\"changes\": [...]}"));
                return;
            }
            String node = exchange.getRequestHeaders().getFirst("X-Relay-Node");
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode results = answer.putArray("results");
            CountDownLatch answerWhen;
            synchronized (this) {
                calls++;
                for (JsonNode change : changes) {
                    results.add(apply(exchange.getRequestURI().getPath(), change, node));
                }
                answerWhen = applied.size() >= holdFrom ? held : new CountDownLatch(0);
            }
            // Slow to answer, not to apply: a relay that gives up or dies meanwhile will send these changes again.
            pause(answerWhen);
            answer(exchange, 200, answer);
        }
    }

    private ObjectNode apply(String path, JsonNode change, String node) {
        String key = change.path("idempotencyKey").asText();
        String person = path + " " + change.path("residentCode").asText();
        int version = change.path("version").asInt();
        ObjectNode result = JSON.createObjectNode().put("idempotencyKey", key);
        if (byKey.containsKey(key)) {
            duplicates++;
            return result.put("status", "DUPLICATE");
        }
        if (refused.contains(change.path("residentCode").asText())) {
            return result.put("status", "REJECTED").put("reason", "REFUSED");
        }
        if (version != lastVersions.getOrDefault(person, 0) + 1) {
            outOfOrder++;
            return result.put("status", "REJECTED").put("reason", "OUT_OF_ORDER");
        }
        Applied entry = new Applied(path, key, change.path("residentCode").asText(), version, node);
        byKey.put(key, entry);
        applied.add(entry);
        lastVersions.put(person, version);
        return result.put("status", "APPLIED");
    }

    private void pause(CountDownLatch answerWhen) {
        try {
            answerWhen.await();
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code POST /control/fail?status=503}, {@code /control/slow?millis=500}, {@code /control/refuse?residentCode=…},
     * {@code /control/recover}, {@code /control/away?seconds=10}; {@code GET /control/summary}.
     */
    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String action = exchange.getRequestURI().getPath().substring("/control/".length());
            Map<String, String> query = query(exchange.getRequestURI());
            switch (action) {
                case "fail" -> failWith(Integer.parseInt(query.getOrDefault("status", "503")));
                case "slow" -> slowDown(Duration.ofMillis(Long.parseLong(query.getOrDefault("millis", "500"))));
                case "refuse" -> refuse(query.get("residentCode"));
                case "recover" -> recover();
                case "away" -> awayFor(Duration.ofSeconds(Long.parseLong(query.getOrDefault("seconds", "10"))));
                case "summary" -> { }
                default -> {
                    answer(exchange, 404, JSON.createObjectNode().put("title", "unknown control"));
                    return;
                }
            }
            answer(exchange, 200, summary());
        }
    }

    private void awayFor(Duration duration) {
        Thread back = new Thread(() -> {
            goAway();
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            comeBack();
        });
        back.setDaemon(true);
        back.start();
    }

    private synchronized ObjectNode summary() {
        return JSON.createObjectNode().put("calls", calls).put("applied", applied.size()).put("duplicates", duplicates)
                .put("outOfOrder", outOfOrder).put("failingWith", failureStatus).put("delayMillis", delay.toMillis());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return parameters;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        releaseAnswers();
        server.stop(0);
    }
}
