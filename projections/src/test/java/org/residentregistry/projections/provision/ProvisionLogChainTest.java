package org.residentregistry.projections.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The canonical encoding: every field counts, and no two different entries encode alike. */
class ProvisionLogChainTest {

    private static final UUID ID = UUID.fromString("0b6c1f2e-4d1a-4c3e-9a55-2f1f3b8c9d10");
    private static final Instant AT = Instant.parse("2026-04-01T00:15:30.123456Z");

    private static ProvisionLogEntry entry(String terminal, String affair, List<String> codes) {
        return new ProvisionLogEntry(7, ID, AT, "op-1", "dept-1", terminal, affair, "住基法別表第五第十号",
                "RESIDENT_CODE", "{\"residentCode\":\"12345678903\"}", "PROVIDED", null, codes, false);
    }

    @Test
    void theHashDependsOnThePreviousHashAndEveryFieldAndNullIsNotEmpty() {
        ProvisionLogEntry entry = entry("t-1", "affair-1", List.of("12345678903"));
        byte[] hash = ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry);
        assertThat(ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry)).isEqualTo(hash);
        assertThat(ProvisionLogChain.hash(hash, entry)).isNotEqualTo(hash);
        assertThat(ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry.withSeq(8))).isNotEqualTo(hash);
        assertThat(ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry("t-1", "affair-2", List.of("12345678903"))))
                .isNotEqualTo(hash);
        assertThat(ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry("t-1", "affair-1", List.of()))).isNotEqualTo(hash);
        // Length prefixes: moving a character from one field to the next changes the hash.
        assertThat(ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry("t-1a", "ffair-1", List.of("12345678903"))))
                .isNotEqualTo(hash);
        assertThat(ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry(null, "affair-1", List.of())))
                .isNotEqualTo(ProvisionLogChain.hash(ProvisionLogChain.GENESIS, entry("", "affair-1", List.of())));
    }

    @Test
    void entriesKeepTheDatabasesPrecisionSoTheHashOfWhatIsWrittenIsTheHashOfWhatIsRead() {
        ProvisionLogEntry nanos = new ProvisionLogEntry(1, ID, AT.plusNanos(789), "op-1", null, null, null, null,
                "FOUR_FIELDS", "{}", "REFUSED", "AFFAIR_NOT_AUTHORISED", List.of(), false);
        assertThat(nanos.at()).isEqualTo(AT);
    }

    @Test
    void aCheckpointsMacDependsOnTheKeyAndEverythingItSeals() {
        CheckpointKey key = CheckpointKey.of(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        byte[] mac = ProvisionLogChain.checkpointMac(key, 10, ProvisionLogChain.GENESIS, AT, 5);
        assertThat(ProvisionLogChain.checkpointMac(CheckpointKey.of(other), 10, ProvisionLogChain.GENESIS, AT, 5)).isNotEqualTo(mac);
        assertThat(ProvisionLogChain.checkpointMac(key, 11, ProvisionLogChain.GENESIS, AT, 5)).isNotEqualTo(mac);
        assertThat(ProvisionLogChain.checkpointMac(key, 10, ProvisionLogChain.GENESIS, AT, 4)).isNotEqualTo(mac);
        assertThat(ProvisionLogChain.checkpointMac(key, 10, other, AT, 5)).isNotEqualTo(mac);
    }

    @Test
    void aPurgesMacDependsOnTheKeyAndEverythingItRecordsAndIsNoCheckpointsMac() {
        CheckpointKey key = CheckpointKey.of(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        Instant before = AT.minusSeconds(60);
        byte[] mac = ProvisionLogChain.purgeMac(key, 10, ProvisionLogChain.GENESIS, before, AT);
        assertThat(ProvisionLogChain.purgeMac(CheckpointKey.of(other), 10, ProvisionLogChain.GENESIS, before, AT)).isNotEqualTo(mac);
        assertThat(ProvisionLogChain.purgeMac(key, 11, ProvisionLogChain.GENESIS, before, AT)).isNotEqualTo(mac);
        assertThat(ProvisionLogChain.purgeMac(key, 10, other, before, AT)).isNotEqualTo(mac);
        assertThat(ProvisionLogChain.purgeMac(key, 10, ProvisionLogChain.GENESIS, AT, AT)).isNotEqualTo(mac);
        assertThat(ProvisionLogChain.purgeMac(key, 10, ProvisionLogChain.GENESIS, before, AT.plusSeconds(1))).isNotEqualTo(mac);
        // Another domain tag: a checkpoint's MAC over the same numbers is not a purge's.
        assertThat(ProvisionLogChain.checkpointMac(key, 10, ProvisionLogChain.GENESIS, before, 0)).isNotEqualTo(mac);
    }
}
