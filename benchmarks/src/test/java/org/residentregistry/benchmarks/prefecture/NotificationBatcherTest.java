package org.residentregistry.benchmarks.prefecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.residentregistry.core.codes.MunicipalityCode;

class NotificationBatcherTest {

    private static final Notification TEMPLATE =
            SyntheticPrefecture.saitama(1, 1).initialLoad().findFirst().orElseThrow();
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aMunicipalitySendsFullBatchesThenTheRest() {
        Stream<Notification> notifications = LongStream.rangeClosed(1, 2_500)
                .mapToObj(seq -> notice("112038", seq, "2026-04-02T09:00:00+09:00"));

        List<NotificationBatch> batches = NotificationBatcher.batches(notifications, 1_000, HOUR).toList();

        assertThat(batches).extracting(b -> b.notifications().size()).containsExactly(1_000, 1_000, 500);
        assertThat(batches.get(1).notifications().get(0).updateSequence()).isEqualTo(1_001);
    }

    @Test
    void eachMunicipalityGathersItsOwnInTheOrderItProducedThem() {
        Stream<Notification> notifications = Stream.of(
                notice("112038", 1, "2026-04-02T09:00:00+09:00"),
                notice("111007", 7, "2026-04-02T09:01:00+09:00"),
                notice("112038", 2, "2026-04-02T09:02:00+09:00"),
                notice("111007", 8, "2026-04-02T09:03:00+09:00"));

        List<NotificationBatch> batches = NotificationBatcher.batches(notifications, 1_000, HOUR).toList();

        assertThat(batches).extracting(b -> b.notifications().stream().map(Notification::updateSequence).toList())
                .containsExactly(List.of(1L, 2L), List.of(7L, 8L));
    }

    @Test
    void aBatchLeavesOnceItsFirstNotificationHasWaitedTooLong() {
        Stream<Notification> notifications = Stream.of(
                notice("112038", 1, "2026-04-02T09:00:00+09:00"),
                notice("111007", 1, "2026-04-02T09:30:00+09:00"),
                notice("112011", 1, "2026-04-02T10:00:00+09:00"),
                notice("112038", 2, "2026-04-02T10:10:00+09:00"));

        List<NotificationBatch> batches = NotificationBatcher.batches(notifications, 1_000, HOUR).toList();

        assertThat(batches).extracting(b -> b.notifications().get(0).municipalityCode().value() + "/"
                + b.notifications().size()).containsExactly("112038/1", "111007/1", "112011/1", "112038/1");
    }

    @Test
    void aBatchHoldsOneToAThousandNotifications() {
        assertThatThrownBy(() -> new NotificationBatcher(List.<Notification>of().iterator(), 1_001, HOUR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotificationBatch(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Notification notice(String municipality, long sequence, String notifiedAt) {
        Notification t = TEMPLATE;
        return new Notification(MunicipalityCode.of(municipality), sequence, t.residentCode(), null,
                t.changeReason(), t.changeDate(), OffsetDateTime.parse(notifiedAt), t.operatorId(), t.terminalId(),
                t.name(), t.formerSurname(), t.birthDate(), t.sex(), t.address(), t.individualNumber(),
                t.gaijiFlag());
    }
}
