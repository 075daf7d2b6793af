package cn.jinjiang.emergency.shared.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What one request may be and how many may be open at once ({@link RequestLimits}); the body size is Quarkus's own. */
@ConfigMapping(prefix = "emergency.http")
public interface HttpLimits {

    /** Longest request URI answered; longer is 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** Largest request headers answered; larger is 431. */
    @WithDefault("20K")
    @WithConverter(MemorySizeConverter.class)
    MemorySize maxHeaderSize();

    /** API requests a service has open at once; beyond, 503 at once instead of a queue. */
    @WithDefault("256")
    int maxInFlight();

    /**
     * Of those, how many one principal (the token's {@code sub}) may hold; all requests without a valid token share
     * one such share. A quarter of the slots: one client cannot take the service from everybody else.
     */
    @WithDefault("64")
    int maxInFlightPerPrincipal();

    /**
     * How long a request's body may take to arrive, from its headers; then 408 and the connection is closed. A report
     * or a warning is a few kilobytes: even a phone on a bad line sends it in well under this.
     */
    @WithDefault("10s")
    Duration bodyTimeout();
}
