package org.residentregistry.benchmarks.prefecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowsTest {

    private final NotificationJson json = new NotificationJson();

    @Test
    void aResidentRowFlattensTheRecordANotificationLeaves() {
        Notification n = SyntheticPrefecture.saitama(2, 1_000).initialLoad()
                .filter(notification -> notification.formerSurname() != null).findFirst().orElseThrow();

        ResidentRow row = ResidentRow.of(n);

        assertThat(row.residentCode()).isEqualTo(n.residentCode().value());
        assertThat(row.kanjiName()).isEqualTo(n.name().kanji());
        assertThat(row.formerSurnameKana()).isEqualTo(n.formerSurname().kana());
        assertThat(row.addressText()).isEqualTo(n.address().text());
        assertThat(row.individualNumber()).isEqualTo(n.individualNumber().value());
        assertThat(row.sex()).isIn("1", "2");
        assertThat(row.toString()).doesNotContain(n.name().kanji(), n.residentCode().value());
    }

    @Test
    void anEventRowCarriesTheNotificationAsSent() {
        Notification n = SyntheticPrefecture.saitama(2, 10).initialLoad().findFirst().orElseThrow();

        EventRow row = EventRow.first(n, json);

        assertThat(row.aggregateId()).isEqualTo(n.residentCode().value());
        assertThat(row.sequence()).isZero();
        assertThat(row.type()).isEqualTo("MOVE_IN");
        assertThat(row.timestamp()).isEqualTo(n.notifiedAt().toInstant());
        assertThat(row.payload()).isEqualTo(json.bytes(n));
    }
}
