package org.residentregistry.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's clock in the integration tests: the system clock, moved forward by a test that needs time to pass
 * (a retention period, say) and put back when it is done. Every integration test shares it, with one context.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        offset.updateAndGet(d -> d.plus(duration));
    }

    /** Back to the system's time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Registers the clock in place of the server's. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
