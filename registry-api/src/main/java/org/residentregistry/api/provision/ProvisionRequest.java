package org.residentregistry.api.provision;

import java.util.Map;

import org.residentregistry.api.security.RegistryAccount;

/**
 * A query for personal data as the provision log records it: who asks, from which terminal, for which affair,
 * in which file, what kind of query and with what criteria.
 */
public record ProvisionRequest(RegistryAccount operator, String terminalId, String affairCode, RegistryFile file,
                               String queryKind, Map<String, Object> criteria) {

    @Override
    public String toString() {
        return "ProvisionRequest[" + queryKind + "]";
    }
}
