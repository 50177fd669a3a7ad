package org.residentregistry.api.security;

import org.springframework.security.core.GrantedAuthority;

/**
 * What an account may do (domain.md §5.3). An account has exactly one role and roles do not include one
 * another: an administrator reads no records, an operator manages no accounts. The authority is
 * {@code ROLE_<name>}, for {@code hasRole(...)}.
 */
public enum Role implements GrantedAuthority {
    /** A municipality's communication server (CS): sends notifications and reconciliation extracts for its municipality. */
    MUNICIPAL_CS,
    /** A department's or executive agency's operator: queries for the affairs of that department. */
    DEPARTMENT_OPERATOR,
    /** Answers residents' disclosure requests. */
    DISCLOSURE_OFFICER,
    /** Reads the logs and history, replays and verifies; changes nothing. */
    AUDITOR,
    /** Manages accounts, departments and affairs; starts purge and reconciliation runs. */
    ADMINISTRATOR,
    /** Runs and monitors the server (health, metrics, job status); sees no personal data. */
    OPERATIONS;

    @Override
    public String getAuthority() {
        return "ROLE_" + name();
    }
}
