package org.residentregistry.api.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mappings, with the mappings that cannot match a request's path passed over before their
 * conditions are matched. For a path with a variable, such as a resident's, Spring MVC matches every mapping of the
 * server in turn, its methods, parameters, headers and media types before its patterns: a sixth of the server's CPU
 * on the query path (README, "Request routing"). A path a pattern matches begins with the pattern's literal part up to
 * its first variable or wildcard, so a mapping none of whose patterns' literal part begins the path is passed over
 * at the cost of a string comparison. Paths holding an escape ({@code %}) or path parameters ({@code ;}), which
 * patterns match decoded and stripped, go through every mapping as before: the handler found is always the one Spring
 * MVC would find.
 */
class PrefixFilteredRequestMappings extends RequestMappingHandlerMapping {

    /** Each mapping's patterns' literal parts; none for a mapping matched without case-sensitive path patterns. */
    private final Map<RequestMappingInfo, String[]> literalParts = new ConcurrentHashMap<>();

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        String[] parts = literalParts.computeIfAbsent(info, this::literalParts);
        if (parts.length > 0 && ServletRequestPathUtils.hasParsedRequestPath(request)) {
            String path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication().value();
            if (path.indexOf('%') < 0 && path.indexOf(';') < 0 && !beginsWithAny(path, parts)) {
                return null;
            }
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean beginsWithAny(String path, String[] parts) {
        for (String part : parts) {
            if (path.startsWith(part)) {
                return true;
            }
        }
        return false;
    }

    private String[] literalParts(RequestMappingInfo info) {
        PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
        // Patterns matched regardless of case would match paths that do not begin with their literal part.
        if (patterns == null || patterns.getPatterns().isEmpty() || !getPatternParser().isCaseSensitive()) {
            return new String[0];
        }
        return patterns.getPatterns().stream().map(PathPattern::getPatternString)
                .map(PrefixFilteredRequestMappings::literalPart).toArray(String[]::new);
    }

    /** The pattern up to its first variable ({@code {}) or wildcard ({@code *}, {@code ?}). */
    static String literalPart(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?') {
                return pattern.substring(0, i);
            }
        }
        return pattern;
    }
}
