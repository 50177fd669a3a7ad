package org.residentregistry.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The prefix-filtered mappings find, for every request, the handler Spring MVC's own would, or fail as it does: the
 * routes of variables, parameters, wildcards and the methods of one path, and the paths whose escapes or path
 * parameters patterns see decoded or stripped.
 */
class PrefixFilteredRequestMappingsTest {

    @RestController
    @RequestMapping("/api/v1/identity/residents")
    static class Residents {

        @GetMapping("/{residentCode}")
        String byResidentCode(@PathVariable String residentCode) {
            return residentCode;
        }

        @GetMapping(params = "individualNumber")
        String byIndividualNumber(@RequestParam String individualNumber) {
            return individualNumber;
        }

        @PostMapping("/{residentCode}/notes")
        String note(@PathVariable String residentCode) {
            return residentCode;
        }
    }

    @RestController
    static class Others {

        @GetMapping("/api/v1/audit/residents/{residentCode}/history")
        String history(@PathVariable String residentCode) {
            return residentCode;
        }

        @GetMapping("/api/v1/documents/**")
        String document() {
            return "";
        }

        @GetMapping({"/api/v1/ping", "/api/v1/status/{part}"})
        String status() {
            return "";
        }
    }

    private final RequestMappingHandlerMapping spring = mappings(new RequestMappingHandlerMapping());
    private final RequestMappingHandlerMapping filtered = mappings(new PrefixFilteredRequestMappings());

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/identity/residents/12345678901, , byResidentCode",
            "GET, /api/v1/identity/residents, individualNumber, byIndividualNumber",
            "GET, /api/v1/identity/resid%65nts/12345678901, , byResidentCode",
            "GET, /api/v1/identity/residents;v=1/12345678901, , byResidentCode",
            "POST, /api/v1/identity/residents/12345678901/notes, , note",
            "GET, /api/v1/audit/residents/12345678901/history, , history",
            "GET, /api/v1/documents/a/b.pdf, , document",
            "GET, /api/v1/ping, , status",
            "GET, /api/v1/status/relay, , status",
            "POST, /api/v1/identity/residents/12345678901, , 405",
            "GET, /api/v1/identity/residents, , 400",
            "GET, /api/v1/unknown/12345678901, , none",
            "GET, /API/v1/ping, , none"})
    void findsTheHandlerSpringMvcFinds(String method, String path, String parameter, String expected) {
        assertThat(route(filtered, method, path, parameter)).isEqualTo(route(spring, method, path, parameter))
                .isEqualTo(expected);
    }

    private static RequestMappingHandlerMapping mappings(RequestMappingHandlerMapping mappings) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.registerSingleton("residents", Residents.class);
        context.registerSingleton("others", Others.class);
        context.refresh();
        mappings.setApplicationContext(context);
        mappings.afterPropertiesSet();
        return mappings;
    }

    /** The handler's method name, {@code none} without one, or the status of the exception raised instead. */
    private static String route(RequestMappingHandlerMapping mappings, String method, String path, String parameter) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (parameter != null) {
            request.setParameter(parameter, "123456789012");
        }
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mappings.getHandler(request);
            return chain == null ? "none" : ((HandlerMethod) chain.getHandler()).getMethod().getName();
        } catch (org.springframework.web.HttpRequestMethodNotSupportedException e) {
            return String.valueOf(e.getStatusCode().value());
        } catch (org.springframework.web.bind.UnsatisfiedServletRequestParameterException e) {
            return String.valueOf(e.getStatusCode().value());
        } catch (Exception e) {
            return Objects.toString(e);
        }
    }
}
