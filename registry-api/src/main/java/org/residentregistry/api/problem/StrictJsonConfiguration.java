package org.residentregistry.api.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * JSON read from HTTP requests is read strictly (domain.md §4.2: unknown fields are bad input, and a
 * request must mean one thing): unknown and repeated fields, trailing content, numbers for enums, nulls
 * for primitives and coerced scalars ({@code "true"} for a boolean, {@code 12} for a string) are 400s.
 * <p>
 * Only the HTTP converter is strict; the application's {@code ObjectMapper} (which stored messages may
 * use) keeps Spring Boot's lenient defaults so that old events stay readable.
 * <p>
 * JSON written to HTTP responses goes out with a {@code Content-Length} in one write: the whole body is
 * serialised first (a record is a kilobyte, a page of a thousand a megabyte at most), where Jackson's flush would
 * commit the response after its first buffer and send the body chunked, a socket write for the flush and another
 * for the last chunk.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** Replaces Spring Boot's converter (it backs off when one is defined), keeping the spring.jackson.* settings. */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder builder) {
        return new MappingJackson2HttpMessageConverter(builder
                .featuresToEnable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build()) {
            @Override
            protected void writeInternal(Object object, Type type, HttpOutputMessage response) throws IOException {
                ByteArrayOutputStream body = new ByteArrayOutputStream(2048);
                super.writeInternal(object, type, new HttpOutputMessage() {
                    @Override
                    public OutputStream getBody() {
                        return body;
                    }

                    @Override
                    public HttpHeaders getHeaders() {
                        return response.getHeaders();
                    }
                });
                response.getHeaders().setContentLength(body.size());
                body.writeTo(response.getBody());
            }
        };
    }
}
