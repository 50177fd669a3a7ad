package org.residentregistry.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an unusable bootstrap token into Spring Boot's short "APPLICATION FAILED TO START" report instead
 * of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class BootstrapTokenFailureAnalyzer extends AbstractFailureAnalyzer<BootstrapAdministrator.UnusableTokenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BootstrapAdministrator.UnusableTokenException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set REGISTRY_BOOTSTRAP_ADMIN_TOKEN to a new random token of " + AccountTokens.MIN_LENGTH + " to "
                        + AccountTokens.MAX_LENGTH + " characters (for example the output of 'openssl rand -base64 32'), "
                        + "or leave it unset once other administrators exist.",
                cause);
    }
}
