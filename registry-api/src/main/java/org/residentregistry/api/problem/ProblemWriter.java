package org.residentregistry.api.problem;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * Writes a problem document outside Spring MVC, for answers given in the filter chain (401, 403), in the
 * same JSON as the controllers' problem documents, {@code instance} included.
 */
@Component
public class ProblemWriter {

    private final MappingJackson2HttpMessageConverter converter;

    ProblemWriter(MappingJackson2HttpMessageConverter converter) {
        this.converter = converter;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        converter.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
    }
}
