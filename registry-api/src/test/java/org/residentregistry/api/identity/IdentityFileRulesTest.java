package org.residentregistry.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.residentregistry.api.support.Notifications.KAWAGOE;
import static org.residentregistry.api.support.Notifications.KAWAGUCHI;
import static org.residentregistry.api.support.Notifications.SAITAMA;
import static org.residentregistry.api.support.Notifications.address;
import static org.residentregistry.api.support.Notifications.moveIn;
import static org.residentregistry.api.support.Notifications.name;
import static org.residentregistry.api.support.Notifications.newIndividualNumber;
import static org.residentregistry.api.support.Notifications.newResidentCode;
import static org.residentregistry.api.support.Notifications.next;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.residentregistry.api.ApiIntegrationTest;
import org.residentregistry.api.support.Notifications;
import org.residentregistry.api.admin.AdministrationFixture.Operator;

/** Every rule of domain.md §2.2 and §2.3, accepted and rejected, through the HTTP interface. */
class IdentityFileRulesTest extends ApiIntegrationTest {

    private String kawaguchi;
    private String saitama;
    private Operator operator;

    @BeforeEach
    void accounts() {
        kawaguchi = administration.municipalServer(KAWAGUCHI);
        saitama = administration.municipalServer(SAITAMA);
        operator = administration.operator(true, "IDENTITY");
    }

    private JsonNode send(String token, Map<String, Object> item) {
        JsonNode body = Notifications.send(http, token, List.of(item)).expect(200).json();
        return body.get("results").get(0);
    }

    private JsonNode applied(String token, Map<String, Object> item) {
        JsonNode result = send(token, item);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("APPLIED");
        return result;
    }

    private void rejected(String token, Map<String, Object> item, String reason) {
        JsonNode result = send(token, item);
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("REJECTED");
        assertThat(result.get("reason").asText()).isEqualTo(reason);
    }

    private JsonNode record(Object residentCode) {
        return http.get("/api/v1/identity/residents/" + residentCode + "?affair=" + operator.affair(), operator.token()).expect(200).json();
    }

    private Map<String, Object> resident(String token, String municipality) {
        Map<String, Object> item = moveIn(municipality);
        applied(token, item);
        return item;
    }

    @Nested
    class RecordCategory {

        @Test
        void aMoveInRecordsANewResidentAsCurrentAtTheNotifyingMunicipality() {
            Map<String, Object> item = moveIn(KAWAGUCHI);
            JsonNode result = applied(kawaguchi, item);
            assertThat(result.get("effect").asText()).isEqualTo("CURRENT_CHANGED");
            assertThat(result.get("version").asInt()).isEqualTo(1);
            JsonNode record = record(item.get("residentCode"));
            assertThat(record.get("status").asText()).isEqualTo("CURRENT");
            assertThat(record.get("municipalityCode").asText()).isEqualTo(KAWAGUCHI);
            assertThat(record.get("name").get("kanji").asText()).isEqualTo("山田 太郎");
            assertThat(record.get("individualNumber").asText()).isEqualTo(item.get("individualNumber"));
        }

        @Test
        void aRecordForAResidentCurrentAtTheSameMunicipalityIsAlreadyCurrent() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            rejected(kawaguchi, next(item, KAWAGUCHI, "EX_OFFICIO_RECORD"), "ALREADY_CURRENT");
        }

        @Test
        void aBirthForAResidentCodeAlreadyInTheFileIsRejected() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            rejected(saitama, next(item, SAITAMA, "BIRTH"), "ALREADY_EXISTS");
            Map<String, Object> born = moveIn(KAWAGUCHI);
            born.put("changeReason", "BIRTH");
            applied(kawaguchi, born);
        }
    }

    @Nested
    class ModifyCategory {

        @Test
        void aMoveWithinMayChangeTheAddressOnly() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> renamed = next(item, KAWAGUCHI, "MOVE_WITHIN");
            renamed.put("address", address("埼玉県川口市本町二丁目２番２号"));
            renamed.put("name", name("山田 次郎", "ヤマダ ジロウ"));
            JsonNode result = send(kawaguchi, renamed);
            assertThat(result.get("reason").asText()).isEqualTo("FIELD_OUT_OF_SCOPE");
            assertThat(result.get("fields")).extracting(JsonNode::asText).containsExactly("name.kanji", "name.kana");

            Map<String, Object> moved = next(item, KAWAGUCHI, "MOVE_WITHIN");
            moved.put("address", address("埼玉県川口市本町二丁目２番２号"));
            assertThat(applied(kawaguchi, moved).get("version").asInt()).isEqualTo(2);
            assertThat(record(item.get("residentCode")).get("address").get("text").asText()).isEqualTo("埼玉県川口市本町二丁目２番２号");
        }

        @Test
        void anAddressRedesignationMayNotChangeTheBirthDate() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> change = next(item, KAWAGUCHI, "ADDRESS_REDESIGNATION");
            change.put("birthDate", "1981-05-06");
            rejected(kawaguchi, change, "FIELD_OUT_OF_SCOPE");
        }

        @Test
        void aNameChangeMayChangeNameAndFormerSurnameButNotTheAddress() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> moved = next(item, KAWAGUCHI, "NAME_CHANGE");
            moved.put("address", address("埼玉県川口市栄町一丁目１番１号"));
            rejected(kawaguchi, moved, "FIELD_OUT_OF_SCOPE");
            Map<String, Object> renamed = next(item, KAWAGUCHI, "NAME_CHANGE");
            renamed.put("name", name("佐藤 太郎", "サトウ タロウ"));
            renamed.put("formerSurname", name("山田", "ヤマダ"));
            applied(kawaguchi, renamed);
            JsonNode record = record(item.get("residentCode"));
            assertThat(record.get("name").get("kanji").asText()).isEqualTo("佐藤 太郎");
            assertThat(record.get("formerSurname").get("kanji").asText()).isEqualTo("山田");
        }

        @Test
        void aFormerSurnameNotificationMayChangeTheFormerSurnameOnly() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> renamed = next(item, KAWAGUCHI, "FORMER_SURNAME");
            renamed.put("name", name("佐藤 太郎", "サトウ タロウ"));
            rejected(kawaguchi, renamed, "FIELD_OUT_OF_SCOPE");
            Map<String, Object> former = next(item, KAWAGUCHI, "FORMER_SURNAME");
            former.put("formerSurname", name("鈴木", "スズキ"));
            applied(kawaguchi, former);
        }

        @Test
        void anIndividualNumberChangeMayChangeTheNumberOnlyAndTheNewNumberFindsTheResident() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> sexChange = next(item, KAWAGUCHI, "INDIVIDUAL_NUMBER_CHANGE");
            sexChange.put("sex", "2");
            rejected(kawaguchi, sexChange, "FIELD_OUT_OF_SCOPE");
            Map<String, Object> change = next(item, KAWAGUCHI, "INDIVIDUAL_NUMBER_CHANGE");
            String newNumber = newIndividualNumber();
            change.put("individualNumber", newNumber);
            applied(kawaguchi, change);
            JsonNode found = http.get("/api/v1/identity/residents?individualNumber="
                    + newNumber + "&affair=" + operator.affair(), operator.token()).expect(200).json();
            assertThat(found.get("residentCode").asText()).isEqualTo(item.get("residentCode"));
            // the old number is no longer held: another resident may not be found by it
            http.get("/api/v1/identity/residents?individualNumber="
                    + item.get("individualNumber") + "&affair=" + operator.affair(), operator.token()).expect(404);
        }

        @Test
        void anExOfficioCorrectionMayChangeAnyFieldButTheResidentCode() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> correction = next(item, KAWAGUCHI, "EX_OFFICIO_CORRECTION");
            correction.put("birthDate", "1980-06-07");
            correction.put("sex", "2");
            correction.put("name", name("山田 花子", "ヤマダ ハナコ"));
            applied(kawaguchi, correction);
            assertThat(record(item.get("residentCode")).get("birthDate").asText()).isEqualTo("1980-06-07");
        }

        @Test
        void aModificationForAnUnknownResidentCodeIsRejected() {
            Map<String, Object> item = moveIn(KAWAGUCHI);
            item.put("changeReason", "MOVE_WITHIN");
            rejected(kawaguchi, item, "UNKNOWN_RESIDENT");
        }

        @Test
        void aModificationOfARemovedResidentIsNotCurrent() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            applied(kawaguchi, next(item, KAWAGUCHI, "DEATH"));
            rejected(kawaguchi, next(item, KAWAGUCHI, "MOVE_WITHIN"), "NOT_CURRENT");
        }

        @Test
        void onlyTheHoldingMunicipalityMayModify() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            rejected(saitama, next(item, SAITAMA, "MOVE_WITHIN"), "NOT_HOLDER");
            rejected(saitama, next(item, SAITAMA, "DEATH"), "NOT_HOLDER");
        }
    }

    @Nested
    class RemoveAndRestore {

        @Test
        void aRemovalMakesTheResidentARemovedPersonAndCannotBeRepeated() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            applied(kawaguchi, next(item, KAWAGUCHI, "EX_OFFICIO_REMOVAL"));
            assertThat(record(item.get("residentCode")).get("status").asText()).isEqualTo("REMOVED");
            rejected(kawaguchi, next(item, KAWAGUCHI, "DEATH"), "ALREADY_REMOVED");
        }

        @Test
        void aRemovalOfAnUnknownResidentCodeIsRejected() {
            Map<String, Object> item = moveIn(KAWAGUCHI);
            item.put("changeReason", "DEATH");
            rejected(kawaguchi, item, "UNKNOWN_RESIDENT");
        }

        @Test
        void aRestorationBringsBackARecordTheSameMunicipalityRemoved() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            rejected(kawaguchi, next(item, KAWAGUCHI, "EX_OFFICIO_RESTORATION"), "NOT_RESTORABLE");
            applied(kawaguchi, next(item, KAWAGUCHI, "EX_OFFICIO_REMOVAL"));
            rejected(saitama, next(item, SAITAMA, "EX_OFFICIO_RESTORATION"), "NOT_RESTORABLE");
            applied(kawaguchi, next(item, KAWAGUCHI, "EX_OFFICIO_RESTORATION"));
            assertThat(record(item.get("residentCode")).get("status").asText()).isEqualTo("CURRENT");
        }

        @Test
        void aRecordTakenOverElsewhereAfterItsRemovalCannotBeRestored() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            applied(kawaguchi, next(item, KAWAGUCHI, "MOVE_OUT"));
            applied(saitama, next(item, SAITAMA, "MOVE_IN"));
            rejected(kawaguchi, next(item, KAWAGUCHI, "EX_OFFICIO_RESTORATION"), "NOT_RESTORABLE");
        }
    }

    @Nested
    class MovesBetweenMunicipalities {

        @Test
        void moveOutThenMoveInEndsCurrentAtTheNewMunicipality() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            applied(kawaguchi, next(item, KAWAGUCHI, "MOVE_OUT"));
            Map<String, Object> arrival = next(item, SAITAMA, "MOVE_IN");
            arrival.put("address", address("埼玉県さいたま市浦和区高砂三丁目１５番１号"));
            applied(saitama, arrival);
            JsonNode record = record(item.get("residentCode"));
            assertThat(record.get("status").asText()).isEqualTo("CURRENT");
            assertThat(record.get("municipalityCode").asText()).isEqualTo(SAITAMA);
        }

        @Test
        void moveInThenMoveOutTakesOverAndKeepsTheLateRemovalInTheHistoryOnly() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            applied(saitama, next(item, SAITAMA, "MOVE_IN"));
            JsonNode late = applied(kawaguchi, next(item, KAWAGUCHI, "MOVE_OUT"));
            assertThat(late.get("effect").asText()).isEqualTo("HISTORY_ONLY");
            JsonNode record = record(item.get("residentCode"));
            assertThat(record.get("status").asText()).isEqualTo("CURRENT");
            assertThat(record.get("municipalityCode").asText()).isEqualTo(SAITAMA);
            assertThat(record.get("version").asInt()).isEqualTo(2);
            // the municipality that lost the record holds nothing more: a second removal is not its to make
            rejected(kawaguchi, next(item, KAWAGUCHI, "MOVE_OUT"), "NOT_HOLDER");
        }

        @Test
        void anExOfficioRecordAlsoTakesTheRecordOver() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            applied(saitama, next(item, SAITAMA, "EX_OFFICIO_RECORD"));
            assertThat(record(item.get("residentCode")).get("municipalityCode").asText()).isEqualTo(SAITAMA);
            rejected(kawaguchi, next(item, KAWAGUCHI, "MOVE_WITHIN"), "NOT_HOLDER");
        }
    }

    @Nested
    class ResidentCodeChange {

        @Test
        void theRecordContinuesUnderTheNewCodeAndTheOldCodeIsRemovedPointingToIt() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            String oldCode = (String) item.get("residentCode");
            String newCode = newResidentCode();
            Map<String, Object> change = next(item, KAWAGUCHI, "RESIDENT_CODE_CHANGE");
            change.put("residentCode", newCode);
            change.put("previousResidentCode", oldCode);
            applied(kawaguchi, change);
            assertThat(record(oldCode).get("status").asText()).isEqualTo("REMOVED");
            JsonNode current = record(newCode);
            assertThat(current.get("status").asText()).isEqualTo("CURRENT");
            assertThat(current.get("individualNumber").asText()).isEqualTo(item.get("individualNumber"));
            JsonNode byNumber = http.get("/api/v1/identity/residents?individualNumber="
                    + item.get("individualNumber") + "&affair=" + operator.affair(), operator.token()).expect(200).json();
            assertThat(byNumber.get("residentCode").asText()).isEqualTo(newCode);
            // the old code is gone: it cannot be modified, nor changed again
            rejected(kawaguchi, next(item, KAWAGUCHI, "MOVE_WITHIN"), "NOT_CURRENT");
        }

        @Test
        void aCodeChangeMayNotChangeOtherFieldsNorTakeACodeAlreadyInTheFile() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> other = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> change = next(item, KAWAGUCHI, "RESIDENT_CODE_CHANGE");
            change.put("residentCode", other.get("residentCode"));
            change.put("previousResidentCode", item.get("residentCode"));
            rejected(kawaguchi, change, "ALREADY_EXISTS");
            Map<String, Object> renamed = next(item, KAWAGUCHI, "RESIDENT_CODE_CHANGE");
            renamed.put("residentCode", newResidentCode());
            renamed.put("previousResidentCode", item.get("residentCode"));
            renamed.put("name", name("山田 一郎", "ヤマダ イチロウ"));
            rejected(kawaguchi, renamed, "FIELD_OUT_OF_SCOPE");
            Map<String, Object> unknown = next(item, KAWAGUCHI, "RESIDENT_CODE_CHANGE");
            unknown.put("residentCode", newResidentCode());
            unknown.put("previousResidentCode", newResidentCode());
            rejected(kawaguchi, unknown, "UNKNOWN_RESIDENT");
            Map<String, Object> elsewhere = next(item, SAITAMA, "RESIDENT_CODE_CHANGE");
            elsewhere.put("residentCode", newResidentCode());
            elsewhere.put("previousResidentCode", item.get("residentCode"));
            rejected(saitama, elsewhere, "NOT_HOLDER");
        }
    }

    @Nested
    class CommonRules {

        @Test
        void anIndividualNumberHeldByAnotherResidentCodeIsAConflictEvenWhenThatResidentIsRemoved() {
            Map<String, Object> holder = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> clash = moveIn(KAWAGUCHI);
            clash.put("individualNumber", holder.get("individualNumber"));
            rejected(kawaguchi, clash, "INDIVIDUAL_NUMBER_CONFLICT");
            applied(kawaguchi, next(holder, KAWAGUCHI, "DEATH"));
            clash.put("updateSequence", Notifications.nextSequence());
            rejected(kawaguchi, clash, "INDIVIDUAL_NUMBER_CONFLICT");
            Map<String, Object> change = next(resident(kawaguchi, KAWAGUCHI), KAWAGUCHI, "INDIVIDUAL_NUMBER_CHANGE");
            change.put("individualNumber", holder.get("individualNumber"));
            rejected(kawaguchi, change, "INDIVIDUAL_NUMBER_CONFLICT");
        }

        @Test
        void aChangeDateBeforeBirthOrMoreThan31DaysAfterNotificationIsInvalid() {
            Map<String, Object> beforeBirth = moveIn(KAWAGUCHI);
            beforeBirth.put("changeDate", "1980-05-05");
            rejected(kawaguchi, beforeBirth, "INVALID_CHANGE_DATE");
            Map<String, Object> late = moveIn(KAWAGUCHI);
            String notified = (String) late.get("notifiedAt");
            late.put("changeDate", LocalDate.parse(notified.substring(0, 10)).plusDays(32).toString());
            rejected(kawaguchi, late, "INVALID_CHANGE_DATE");
            late.put("changeDate", LocalDate.parse(notified.substring(0, 10)).plusDays(31).toString());
            applied(kawaguchi, late);
        }
    }

    @Nested
    class IdentityOfNotifications {

        @Test
        void aResendAfterALostAnswerIsADuplicateAndChangesNothing() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> move = next(item, KAWAGUCHI, "MOVE_WITHIN");
            move.put("address", address("埼玉県川口市本町四丁目１番１号"));
            applied(kawaguchi, move);
            JsonNode again = send(kawaguchi, move);
            assertThat(again.get("status").asText()).isEqualTo("DUPLICATE");
            assertThat(again.get("version").asInt()).isEqualTo(2);
            JsonNode again2 = send(kawaguchi, item);
            assertThat(again2.get("status").asText()).isEqualTo("DUPLICATE");
            assertThat(record(item.get("residentCode")).get("version").asInt()).isEqualTo(2);
        }

        @Test
        void theSameKeyWithOtherContentIsASequenceConflict() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> reused = moveIn(KAWAGUCHI);
            reused.put("updateSequence", item.get("updateSequence"));
            rejected(kawaguchi, reused, "SEQUENCE_CONFLICT");
            // the same sequence number from another municipality is another notification
            reused.put("municipalityCode", SAITAMA);
            applied(saitama, reused);
        }

        @Test
        void aLowerSequenceThanTheLastAppliedForTheResidentIsOutOfOrder() {
            Map<String, Object> item = resident(kawaguchi, KAWAGUCHI);
            Map<String, Object> stale = next(item, KAWAGUCHI, "MOVE_WITHIN");
            Map<String, Object> fresh = next(item, KAWAGUCHI, "MOVE_WITHIN");
            fresh.put("address", address("埼玉県川口市本町五丁目１番１号"));
            stale.put("address", address("埼玉県川口市本町六丁目１番１号"));
            applied(kawaguchi, fresh);
            rejected(kawaguchi, stale, "OUT_OF_ORDER");
            assertThat(record(item.get("residentCode")).get("address").get("text").asText()).isEqualTo("埼玉県川口市本町五丁目１番１号");
        }

        @Test
        void differentResidentsMayArriveInAnyOrderAndItemsApplyInOrderWithinABatch() {
            Map<String, Object> first = moveIn(KAWAGUCHI);
            Map<String, Object> second = moveIn(KAWAGUCHI);
            Map<String, Object> secondMoves = next(second, KAWAGUCHI, "MOVE_WITHIN");
            secondMoves.put("address", address("埼玉県川口市本町七丁目１番１号"));
            JsonNode results = Notifications.send(http, kawaguchi, List.of(second, secondMoves, first)).expect(200)
                    .json().get("results");
            assertThat(results).extracting(r -> r.get("status").asText()).containsExactly("APPLIED", "APPLIED", "APPLIED");
            assertThat(results.get(1).get("version").asInt()).isEqualTo(2);
            assertThat(record(first.get("residentCode")).get("status").asText()).isEqualTo("CURRENT");
        }

        @Test
        void aRejectedNotificationDoesNotTakeItsKeySoACorrectedResendCanApply() {
            Map<String, Object> early = moveIn(KAWAGUCHI);
            early.put("changeReason", "MOVE_WITHIN");
            rejected(kawaguchi, early, "UNKNOWN_RESIDENT");
            early.put("changeReason", "MOVE_IN");
            applied(kawaguchi, early);
        }
    }
}
