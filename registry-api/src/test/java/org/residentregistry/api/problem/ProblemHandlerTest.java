package org.residentregistry.api.problem;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.residentregistry.core.codes.MunicipalityCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** How request bodies built from registry-core's value types report a bad value, as other endpoints will use them. */
class ProblemHandlerTest {

    record Notification(MunicipalityCode municipalityCode) {
    }

    record Notifications(List<Notification> notifications) {
    }

    private static ProblemDetail problemFor(String json) {
        Throwable unreadable = catchThrowable(() -> new ObjectMapper().readValue(json, Notifications.class));
        Object body = new ProblemHandler().handleHttpMessageNotReadable(
                new HttpMessageNotReadableException("unreadable", unreadable, null),
                new HttpHeaders(), HttpStatus.BAD_REQUEST, null).getBody();
        return (ProblemDetail) body;
    }

    @Test
    void aCoreValueTypeRejectingAValueIsAFieldErrorWithTheCoreCodeAndItsPath() {
        ProblemDetail problem = problemFor("""
                {"notifications":[{"municipalityCode":"112038"},{"municipalityCode":"112039"}]}""");

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getProperties()).extractingByKey("errors").asList().singleElement()
                .isEqualTo(new FieldError("notifications[1].municipalityCode", "CHECK_DIGIT",
                        "the municipality code has a wrong check digit"));
        assertThat(problem.toString()).doesNotContain("112039");
    }
}
