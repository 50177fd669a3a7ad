package org.residentregistry.core.identity;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.residentregistry.core.codes.ResidentCode;

/** The current record was modified (転居, 住居表示の実施等, 氏名の変更, 旧氏の記載・削除, 個人番号の変更, 職権修正). */
@Revision("1")
public record ResidentModified(ResidentCode residentCode, int version, IdentityNotification notification, Instant receivedAt)
        implements IdentityEvent {

    @Override
    public ResidentStatus status() {
        return ResidentStatus.CURRENT;
    }
}
