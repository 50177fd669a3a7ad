package org.residentregistry.api.operation;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.residentregistry.api.provision.LogWriter;
import org.residentregistry.api.provision.ProvisionLog;
import org.residentregistry.api.security.RegistryAccount;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The operation log — 操作履歴 (domain.md §5.2): a row for every request an account makes, administrators' included,
 * refused ones (401, 403) too, and for every failed sign-in (a 401: a bad or revoked token, or none). It records who
 * (account id and role), what (the HTTP method, the route pattern and the operation, i.e. the handler; never the
 * path, which can hold a resident code), when, the outcome (the status) and the provision-log entry where there is
 * one: no personal data. It wraps the security filters, so it sees what they refuse.
 * <p>
 * Rows go through the {@link LogWriter}'s group commit without making the request wait: the response has already
 * been sent when the outcome is known (README, "Operation log").
 */
@Component
public class OperationLog extends OncePerRequestFilter implements Ordered {

    /** The request attribute under which {@link #accountCapture} leaves the authenticated account. */
    private static final String ACCOUNT = OperationLog.class.getName() + ".account";

    private final LogWriter writer;
    private final RequestMappingHandlerMapping routes;
    private final Clock clock;

    OperationLog(LogWriter writer, @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping routes, Clock clock) {
        this.writer = writer;
        this.routes = routes;
        this.clock = clock;
    }

    /**
     * The filter the security chain runs right after authentication: it leaves the account on the request, where
     * this log finds it once the security filters (which forget it) have answered.
     */
    public static Filter accountCapture() {
        return (request, response, chain) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof RegistryAccount account) {
                request.setAttribute(ACCOUNT, account);
            }
            chain.doFilter(request, response);
        };
    }

    @Override
    public int getOrder() {
        return SecurityProperties.DEFAULT_FILTER_ORDER - 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant at = clock.instant();
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response, at);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, Instant at) {
        RegistryAccount account = (RegistryAccount) request.getAttribute(ACCOUNT);
        int status = response.getStatus();
        boolean signInFailed = status == HttpStatus.UNAUTHORIZED.value();
        if (account == null && !signInFailed) {
            return; // anonymous and open: the health check
        }
        Object handler = handler(request);
        String operation = signInFailed ? "SIGN_IN_FAILED"
                : handler instanceof HandlerMethod method ? method.getBeanType().getSimpleName() + "." + method.getMethod().getName()
                : "UNROUTED";
        String provisionId = response.getHeader(ProvisionLog.HEADER);
        writer.appendUnchained(new LogWriter.OperationRow(at, account == null ? null : account.id(),
                account == null ? null : account.role().name(), request.getMethod(),
                (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE), operation, status,
                provisionId == null ? null : UUID.fromString(provisionId)));
    }

    /** The handler the request reached, or would have reached had security let it through. */
    private Object handler(HttpServletRequest request) {
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        if (handler != null) {
            return handler;
        }
        try {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            HandlerExecutionChain chain = routes.getHandler(request);
            return chain == null ? null : chain.getHandler();
        } catch (Exception e) {
            return null; // no route: a wrong method, say; recorded as unrouted
        }
    }
}
