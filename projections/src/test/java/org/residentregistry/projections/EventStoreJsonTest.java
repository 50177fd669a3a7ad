package org.residentregistry.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.residentregistry.core.identity.ResidentRecorded;

/** The store's forms of dates: what it writes now, and that what it wrote before reads as it did. */
class EventStoreJsonTest {

    /** A ResidentRecorded as the store wrote it until 2026-12-02: dates, instants and offsets as ISO-8601 text. */
    static final String STORED_AS_TEXT = "{\"residentCode\":\"12345678903\",\"version\":1,\"notification\":{"
            + "\"key\":{\"municipalityCode\":\"112038\",\"updateSequence\":900001},\"residentCode\":\"12345678903\","
            + "\"previousResidentCode\":null,\"changeReason\":\"MOVE_IN\",\"changeDate\":\"2026-11-21\","
            + "\"notifiedAt\":\"2026-11-22T11:10:53+09:00\",\"operatorId\":\"op-12\",\"terminalId\":\"t-3\",\"record\":{"
            + "\"name\":{\"kanji\":\"山田 太郎\",\"kana\":\"ヤマダ タロウ\",\"gaijiCount\":0,\"gaijiChangeSeq\":0},"
            + "\"formerSurname\":null,\"birthDate\":\"1980-05-06\",\"sex\":\"1\",\"address\":{\"text\":"
            + "\"埼玉県川口市本町一丁目１番１号\",\"oazaCode\":\"0001\",\"gaijiCount\":0,\"gaijiChangeSeq\":0},"
            + "\"individualNumber\":null,\"gaijiFlag\":false}},\"receivedAt\":\"2026-11-22T02:10:53.044149561Z\","
            + "\"takenOverFrom\":null}";

    private final ObjectMapper storage = EventStoreJson.storage();
    private final ObjectMapper text = EventStoreJson.mapper();

    @Test
    void theStoreWritesDatesAndInstantsAsNumbersAndANotificationsOffsetAsSent() throws Exception {
        ResidentRecorded event = storage.readValue(STORED_AS_TEXT, ResidentRecorded.class);
        String stored = storage.writeValueAsString(event);
        assertThat(stored).contains("\"changeDate\":[2026,11,21]", "\"birthDate\":[1980,5,6]",
                "\"receivedAt\":1795313453.044149561", "\"notifiedAt\":\"2026-11-22T11:10:53+09:00\"");
        assertThat(storage.readValue(stored, ResidentRecorded.class)).isEqualTo(event);
    }

    @Test
    void anEventStoredAsTextReadsAsItWasWrittenAndEitherFormReadsWhicheverMapperReads() throws Exception {
        ResidentRecorded fromText = storage.readValue(STORED_AS_TEXT, ResidentRecorded.class);
        assertThat(fromText.receivedAt()).isEqualTo(Instant.parse("2026-11-22T02:10:53.044149561Z"));
        assertThat(fromText.notification().changeDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(fromText.notification().record().birthDate()).isEqualTo(LocalDate.of(1980, 5, 6));
        assertThat(fromText.notification().notifiedAt()).as("the offset as sent, not moved to UTC")
                .isEqualTo(OffsetDateTime.parse("2026-11-22T11:10:53+09:00"));

        ResidentRecorded fromNumbers = text.readValue(storage.writeValueAsBytes(fromText), ResidentRecorded.class);
        assertThat(fromNumbers).isEqualTo(fromText).isEqualTo(text.readValue(STORED_AS_TEXT, ResidentRecorded.class));
        assertThat(text.writeValueAsString(fromNumbers)).as("JSON outside the store keeps the text form, byte for byte")
                .isEqualTo(STORED_AS_TEXT);
    }

    /** Upcasters work on a JSON tree of the stored event: its instants keep their nanoseconds there too. */
    @Test
    void anEventReadThroughAJsonTreeEqualsTheOneReadDirectly() throws Exception {
        byte[] stored = storage.writeValueAsBytes(storage.readValue(STORED_AS_TEXT, ResidentRecorded.class));
        assertThat(storage.treeToValue(storage.readTree(stored), ResidentRecorded.class))
                .isEqualTo(storage.readValue(stored, ResidentRecorded.class));
    }
}
