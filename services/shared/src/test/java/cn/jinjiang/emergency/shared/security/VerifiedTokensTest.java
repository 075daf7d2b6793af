package cn.jinjiang.emergency.shared.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What may be answered without verifying a token again: only what was accepted, and never for longer than allowed. */
class VerifiedTokensTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));

    @Test
    void anAcceptedTokenIsAnsweredUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(config(10, Duration.ofHours(1)), clock);
        SecurityIdentity identity = identity("t1", clock.instant().plusSeconds(90));
        tokens.keep("t1", identity);

        assertSame(identity.getPrincipal(), tokens.find("t1").getPrincipal());
        clock.advance(Duration.ofSeconds(89));
        assertSame(identity.getPrincipal(), tokens.find("t1").getPrincipal());
        clock.advance(Duration.ofSeconds(1));
        assertNull(tokens.find("t1"), "answered at its expiry");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheLifetime() {
        VerifiedTokens tokens = new VerifiedTokens(config(10, Duration.ofMinutes(5)), clock);
        tokens.keep("t1", identity("t1", clock.instant().plus(Duration.ofHours(8))));

        clock.advance(Duration.ofMinutes(5));
        assertNull(tokens.find("t1"));
    }

    @Test
    void onlyTheTokenTheIdentityWasMadeFromIsKept() {
        VerifiedTokens tokens = new VerifiedTokens(config(10, Duration.ofMinutes(5)), clock);
        tokens.keep("other", identity("t1", clock.instant().plusSeconds(60)));
        tokens.keep("t2", QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        tokens.keep("t3", null);
        tokens.keep("t4", identity("t4", clock.instant().minusSeconds(1)));

        assertNull(tokens.find("other"));
        assertNull(tokens.find("t1"));
        assertNull(tokens.find("t2"));
        assertNull(tokens.find("t3"));
        assertNull(tokens.find("t4"), "already expired");
    }

    @Test
    void whenFullExpiredEntriesMakeRoomAndLiveOnesAreNeverDisplaced() {
        VerifiedTokens tokens = new VerifiedTokens(config(2, Duration.ofMinutes(5)), clock);
        SecurityIdentity shortLived = identity("a", clock.instant().plusSeconds(10));
        SecurityIdentity longLived = identity("b", clock.instant().plusSeconds(600));
        tokens.keep("a", shortLived);
        tokens.keep("b", longLived);
        tokens.keep("c", identity("c", clock.instant().plusSeconds(600)));
        assertNull(tokens.find("c"), "no room while both live");

        clock.advance(Duration.ofSeconds(10));
        SecurityIdentity c = identity("c", clock.instant().plusSeconds(600));
        tokens.keep("c", c);
        assertSame(c.getPrincipal(), tokens.find("c").getPrincipal());
        assertSame(longLived.getPrincipal(), tokens.find("b").getPrincipal());
    }

    @Test
    void theRequestATokenWasVerifiedOnIsNotKeptEachRequestGetsItsOwn() {
        VerifiedTokens tokens = new VerifiedTokens(config(10, Duration.ofMinutes(5)), clock);
        RoutingContext first = request();
        RoutingContext second = request();
        SecurityIdentity verified = QuarkusSecurityIdentity.builder(identity("t1", clock.instant().plusSeconds(60)))
                .addAttribute(RoutingContext.class.getName(), first).build();
        tokens.keep("t1", verified);

        SecurityIdentity remembered = tokens.find("t1");
        assertNull(remembered.getAttribute(RoutingContext.class.getName()));
        SecurityIdentity answered = VerifiedTokens.forRequest(remembered, second);
        assertSame(second, answered.getAttribute(RoutingContext.class.getName()));
        assertSame(verified.getPrincipal(), answered.getPrincipal());
        assertEquals(verified.getRoles(), answered.getRoles());
    }

    @Test
    void sizeZeroKeepsNothing() {
        VerifiedTokens tokens = new VerifiedTokens(config(0, Duration.ofMinutes(5)), clock);
        tokens.keep("t1", identity("t1", clock.instant().plusSeconds(60)));
        assertNull(tokens.find("t1"));
    }

    private static SecurityIdentity identity(String raw, Instant expiry) {
        Map<String, Object> claims = Map.of(Claims.raw_token.name(), raw, Claims.exp.name(), expiry.getEpochSecond(),
                Claims.sub.name(), "officer");
        JsonWebToken token = new JsonWebToken() {
            @Override
            public String getName() {
                return "officer";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(token).addRole("dispatcher").build();
    }

    private static RoutingContext request() {
        return (RoutingContext) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "request";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static SecurityConfig config(int size, Duration lifetime) {
        return new SecurityConfig() {
            @Override
            public Duration maxTokenLifetime() {
                return Duration.ofHours(12);
            }

            @Override
            public Duration clockSkew() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Set<String> jurisdictions() {
                return Set.of("350582", "350502", "350500");
            }

            @Override
            public int verifiedTokens() {
                return size;
            }

            @Override
            public Duration verifiedTokenLifetime() {
                return lifetime;
            }
        };
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
