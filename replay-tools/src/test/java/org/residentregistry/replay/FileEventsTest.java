package org.residentregistry.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.residentregistry.core.identity.ResidentModified;

/** What the tool does with an event it cannot read: it says which one and why, never what the payload holds. */
class FileEventsTest {

    private static final String MODIFIED = ResidentModified.class.getName();

    @Test
    void refusesATypeOutsideTheDomainWithoutLoadingIt() {
        assertThatThrownBy(() -> FileEvents.IDENTITY.decode(stored("java.lang.Runtime", "1", "{}")))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessage("Event #7 (java.lang.Runtime, revision 1) has a type this tool does not know");
    }

    @Test
    void refusesARevisionItDoesNotRead() {
        assertThatThrownBy(() -> FileEvents.IDENTITY.decode(stored(MODIFIED, "2", "{}")))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageEndingWith("has a revision this tool does not read (it reads 1)");
    }

    @Test
    void namesWhereAPayloadIsWrongButNotWhatItSays() {
        String badCode = "{\"residentCode\":\"98765432100\",\"version\":2}";
        assertThatThrownBy(() -> FileEvents.IDENTITY.decode(stored(MODIFIED, "1", badCode)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("could not be read at")
                .hasMessageContaining("residentCode")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("98765432100"));
        assertThatThrownBy(() -> FileEvents.IDENTITY.decode(stored(MODIFIED, "1", "{\"residentCode\":")))
                .hasMessageEndingWith("is not well-formed JSON");
    }

    private static StoredEvent stored(String type, String revision, String payload) {
        return new StoredEvent(7, "12345678903", 0, type, revision, payload.getBytes(UTF_8));
    }
}
