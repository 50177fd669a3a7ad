package org.residentregistry.api.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.moveIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.api.identity.IdentityNotificationReader;
import org.residentregistry.api.identity.NotificationIntake;
import org.residentregistry.core.identity.IdentityEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A slow append transaction must never make a streaming processor skip its events. With Axon's stock gap handling
 * this test loses the slow event: more gaps than the cleaning threshold (rolled-back appends) and an open transaction
 * older than the gap timeout.
 *
 * <p>The server's own read models are all written in the appending transaction; what streams from the store is a
 * rebuild's processor, which lives only until its switch. So the streaming consumer here is the test's own: a pooled
 * processor like a rebuild's (two segments, the JDBC token store, the registry's storage engine), kept running for
 * the whole test, that notes the resident of every event it is handed.
 */
@Import(GapHandlingTest.StreamingConsumer.class)
@TestPropertySource(properties = {
        "registry.event-store.gap-timeout=PT1S",
        "axon.eventhandling.processors." + GapHandlingTest.PROCESSING_GROUP + ".mode=pooled",
        "axon.eventhandling.processors." + GapHandlingTest.PROCESSING_GROUP + ".initial-segment-count=2",
        "axon.eventhandling.processors." + GapHandlingTest.PROCESSING_GROUP + ".batch-size=1000"})
class GapHandlingTest extends RegistryIntegrationTest {

    static final String PROCESSING_GROUP = "gap-handling-test";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The residents whose events the streaming processor was handed. */
    @ProcessingGroup(PROCESSING_GROUP)
    static class StreamedResidents {
        final Set<String> codes = ConcurrentHashMap.newKeySet();

        @EventHandler
        void on(IdentityEvent event) {
            codes.add(event.residentCode().value());
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class StreamingConsumer {
        @Bean
        StreamedResidents streamedResidents() {
            return new StreamedResidents();
        }
    }

    @Autowired
    TransactionTemplate transactions;
    @Autowired
    NotificationIntake intake;
    @Autowired
    IdentityNotificationReader reader;
    @Autowired
    StreamedResidents streamed;

    /** Applies a move-in of a new resident of {@code municipality} and answers its resident code. */
    private String applyMoveIn(String municipality) {
        Map<String, Object> item = moveIn(municipality);
        intake.apply(reader.read(JSON.valueToTree(Map.of("notifications", List.of(item)))));
        return (String) item.get("residentCode");
    }

    private void awaitStreamed(List<String> residentCodes) {
        await().atMost(Duration.ofSeconds(30)).until(() -> streamed.codes.containsAll(residentCodes));
    }

    @Test
    void anEventCommittedLongAfterLaterOnesStillReachesTheStreamingProcessor() throws Exception {
        for (int i = 0; i < 300; i++) {
            // Appends that roll back: positions of the global index lost for good.
            transactions.executeWithoutResult(status -> {
                applyMoveIn(KAWAGUCHI);
                status.setRollbackOnly();
            });
        }
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another municipality's than the appends after it: a municipality's batches wait for each other at its
        // statistics' rows, and these must commit while it is open.
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            String residentCode = applyMoveIn(KAWAGOE);
            appended.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return residentCode;
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        List<String> later = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            later.add(applyMoveIn(KAWAGUCHI));
        }
        awaitStreamed(later);
        Thread.sleep(3_000); // past the gap timeout, with the processor polling all along
        awaitStreamed(List.of(applyMoveIn(KAWAGUCHI)));

        release.countDown();
        awaitStreamed(List.of(slow.get(30, TimeUnit.SECONDS)));
    }
}
