package org.residentregistry.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    private static final RetentionPolicy POLICY = new RetentionPolicy(RetentionPeriod.of("P150Y"), RetentionPeriod.of("P100Y"));

    private static RetainedVersion changed(int version, String receivedAt) {
        return new RetainedVersion(version, Instant.parse(receivedAt), true, false);
    }

    @Test
    void aSupersededVersionExpiresThePeriodAfterTheNextNotificationNotAfterItsOwn() {
        List<RetainedVersion> history = List.of(changed(1, "2026-01-10T00:00:00Z"), changed(2, "2030-06-01T00:00:00Z"),
                changed(3, "2031-01-01T00:00:00Z"));

        assertThat(POLICY.expired(history, Instant.parse("2180-05-31T23:59:59Z")).versions()).isEmpty();
        assertThat(POLICY.expired(history, Instant.parse("2180-06-01T00:00:00Z")))
                .isEqualTo(new Erasure(false, List.of(1)));
        assertThat(POLICY.expired(history, Instant.parse("2181-01-01T00:00:00Z")).versions()).containsExactly(1, 2);
    }

    @Test
    void theCurrentVersionOfACurrentPersonStaysHoweverOld() {
        List<RetainedVersion> history = List.of(changed(1, "2026-01-10T00:00:00Z"));

        assertThat(POLICY.expired(history, Instant.parse("2500-01-01T00:00:00Z")).isEmpty()).isTrue();
    }

    @Test
    void aVersionKeptOnlyInTheHistoryDoesNotMakeTheCurrentOneSuperseded() {
        // Version 3 is a late 転出 from the municipality that lost the record: version 2 is still the record.
        List<RetainedVersion> history = List.of(changed(1, "2026-01-10T00:00:00Z"), changed(2, "2026-02-01T00:00:00Z"),
                new RetainedVersion(3, Instant.parse("2026-03-01T00:00:00Z"), false, false),
                new RetainedVersion(4, Instant.parse("2026-04-01T00:00:00Z"), false, false));

        assertThat(POLICY.expired(history, Instant.parse("2300-01-01T00:00:00Z")).versions()).containsExactly(1, 3);
    }

    @Test
    void aRemovedPersonGoesWholeThePeriodAfterTheRemoval() {
        List<RetainedVersion> history = List.of(changed(1, "2026-01-10T00:00:00Z"),
                new RetainedVersion(2, Instant.parse("2040-01-10T00:00:00Z"), true, true));

        Erasure beforeTheEnd = POLICY.expired(history, Instant.parse("2140-01-09T00:00:00Z"));
        assertThat(beforeTheEnd.wholeEntry()).isFalse();
        assertThat(beforeTheEnd.versions()).isEmpty();
        assertThat(POLICY.expired(history, Instant.parse("2140-01-10T00:00:00Z")))
                .isEqualTo(new Erasure(true, List.of(1, 2)));
    }

    @Test
    void aRestoredPersonIsNotRemoved() {
        List<RetainedVersion> history = List.of(new RetainedVersion(1, T0, true, true),
                changed(2, "2026-02-01T00:00:00Z"));

        Erasure erasure = POLICY.expired(history, Instant.parse("2300-01-01T00:00:00Z"));
        assertThat(erasure.wholeEntry()).isFalse();
        assertThat(erasure.versions()).containsExactly(1);
    }

    @Test
    void periodsMayBeCalendarPeriodsOrDurations() {
        assertThat(RetentionPeriod.of("P150Y").endOf(T0)).isEqualTo(Instant.parse("2176-01-10T00:00:00Z"));
        assertThat(RetentionPeriod.of("PT10S").endOf(T0)).isEqualTo(Instant.parse("2026-01-10T00:00:10Z"));
        assertThat(RetentionPeriod.of("P1DT1H").endOf(T0)).isEqualTo(Instant.parse("2026-01-11T01:00:00Z"));
        assertThatThrownBy(() -> RetentionPeriod.of("150 years")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionPeriod.of("P-1D")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countingBackNeverNamesAStartWhosePeriodHasNotEnded() {
        RetentionPeriod years = RetentionPeriod.of("P150Y");
        Instant now = Instant.parse("2174-02-28T12:00:00Z");
        Instant latest = years.latestEndedStart(now);

        assertThat(years.endOf(latest)).isBeforeOrEqualTo(now);
        assertThat(years.endOf(Instant.parse("2024-02-29T12:00:00Z"))).isBeforeOrEqualTo(now);
        assertThat(RetentionPeriod.of("PT10S").latestEndedStart(T0)).isEqualTo(T0.minusSeconds(10));
    }
}
