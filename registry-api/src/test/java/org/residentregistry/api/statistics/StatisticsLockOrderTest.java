package org.residentregistry.api.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.RegistryIntegrationTest;
import org.residentregistry.core.identity.IdentityEvent;
import org.residentregistry.core.identity.ResidentRecorded;
import org.residentregistry.projections.EventStoreJson;
import org.residentregistry.projections.statistics.UpdateStatisticsProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two batches of one municipality counted at once, in two transactions, update the same statistics rows. Each takes
 * the rows' locks in one order whatever the order of its events, so neither waits for the other in a cycle: a
 * deadlock would fail one batch's whole transaction, notifications included.
 */
class StatisticsLockOrderTest extends RegistryIntegrationTest {

    /** No municipality of the prefecture: no other test counts into its rows. */
    private static final String MUNICIPALITY = "119997";
    private static final int DAYS = 200;
    private static final int ROUNDS = 10;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void batchesOfOneMunicipalityWithTheirEventsInOppositeOrdersAreCountedSideBySide() throws Exception {
        UpdateStatisticsProjection statistics = new UpdateStatisticsProjection(jdbc);
        ResidentRecorded moveIn = moveIn();
        List<IdentityEvent> forwards = IntStream.range(0, DAYS).<IdentityEvent>mapToObj(day -> new ResidentRecorded(
                moveIn.residentCode(), moveIn.version(), moveIn.notification(),
                moveIn.receivedAt().plus(Duration.ofDays(day)), null)).toList();
        List<IdentityEvent> backwards = new ArrayList<>(forwards);
        Collections.reverse(backwards);
        // The rows exist, so each later count updates, and locks, every one of them.
        transactions.executeWithoutResult(status -> statistics.count(forwards));

        ExecutorService twoBatches = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> one = twoBatches.submit(() -> countAfter(together, statistics, forwards));
                Future<?> other = twoBatches.submit(() -> countAfter(together, statistics, backwards));
                one.get(1, TimeUnit.MINUTES);
                other.get(1, TimeUnit.MINUTES);
            }
        } finally {
            twoBatches.shutdownNow();
        }

        assertThat(jdbc.queryForList("SELECT applied FROM identity_update_statistics WHERE municipality_code = ?",
                Long.class, MUNICIPALITY)).hasSize(DAYS).containsOnly(1L + 2L * ROUNDS);
    }

    private void countAfter(CyclicBarrier together, UpdateStatisticsProjection statistics, List<IdentityEvent> events) {
        transactions.executeWithoutResult(status -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            statistics.count(events);
        });
    }

    /** A move-in of {@link #MUNICIPALITY}, received on the first day of 2026. */
    private static ResidentRecorded moveIn() {
        String json = "{\"residentCode\":\"12345678903\",\"version\":1,\"notification\":{\"key\":{\"municipalityCode\":\""
                + MUNICIPALITY + "\",\"updateSequence\":1},\"residentCode\":\"12345678903\","
                + "\"previousResidentCode\":null,\"changeReason\":\"MOVE_IN\",\"changeDate\":\"2026-01-01\","
                + "\"notifiedAt\":\"2026-01-01T09:00:00+09:00\",\"operatorId\":\"op-1\",\"terminalId\":\"t-1\",\"record\":{"
                + "\"name\":{\"kanji\":\"山田 太郎\",\"kana\":\"ヤマダ タロウ\",\"gaijiCount\":0,\"gaijiChangeSeq\":0},"
                + "\"formerSurname\":null,\"birthDate\":\"1980-05-06\",\"sex\":\"1\",\"address\":{\"text\":"
                + "\"埼玉県川口市本町一丁目１番１号\",\"oazaCode\":\"0001\",\"gaijiCount\":0,\"gaijiChangeSeq\":0},"
                + "\"individualNumber\":null,\"gaijiFlag\":false}},\"receivedAt\":\"2026-01-01T03:00:00Z\","
                + "\"takenOverFrom\":null}";
        try {
            return EventStoreJson.mapper().readValue(json, ResidentRecorded.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
