package org.residentregistry.api.security;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The accounts of recently authenticated tokens, each kept for at most {@code registry.security.token-cache-ttl}
 * from the moment its lookup began, so that a client sending many requests costs the database one lookup a period.
 * A revocation is still refused from then on, on every node: the node that revokes answers only once that period
 * has passed after the commit ({@link #awaitCachedLookupsExpired}), and by then every node's entry for the token came
 * from a lookup that began before the commit and has expired, or from one that saw the revocation. No message
 * between nodes, nothing to lose. Only tokens that authenticated are kept (by their hash), never a refusal, so a new
 * account's token works at once.
 */
@Component
public class AccountTokenCache {

    static final Duration LONGEST = Duration.ofSeconds(5);
    /** Tokens kept at most: enough for every client of a prefecture, and a bound on memory whatever is sent. */
    private static final long MOST_TOKENS = 100_000;

    private final long ttlNanos;
    private final Cache<ByteBuffer, Entry> entries;

    /**
     * The guarantee holds only if every node sharing the database has the same period (a revoking node waits its own);
     * at most {@link #LONGEST}, since a revocation is answered that much later.
     */
    AccountTokenCache(@Value("${registry.security.token-cache-ttl:PT1S}") Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(LONGEST) > 0) {
            throw new IllegalStateException("registry.security.token-cache-ttl must be between PT0S and " + LONGEST);
        }
        this.ttlNanos = ttl.toNanos();
        this.entries = Caffeine.newBuilder().maximumSize(MOST_TOKENS).expireAfter(new FromLookupStart()).build();
    }

    /** An account, and when (on Caffeine's ticker, {@link System#nanoTime}) the lookup that found it began. */
    private record Entry(RegistryAccount account, long lookupStartedAt) {
    }

    /** Each entry expires a period after its lookup began, not after it was stored: the revocation wait counts on it. */
    private final class FromLookupStart implements Expiry<ByteBuffer, Entry> {

        @Override
        public long expireAfterCreate(ByteBuffer key, Entry entry, long currentTime) {
            return entry.lookupStartedAt() + ttlNanos - currentTime;
        }

        @Override
        public long expireAfterUpdate(ByteBuffer key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(ByteBuffer key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** The account of the token whose hash is {@code tokenHash}, from a lookup begun within the period, else from {@code lookup}. */
    Optional<RegistryAccount> account(byte[] tokenHash, Supplier<Optional<RegistryAccount>> lookup) {
        ByteBuffer key = ByteBuffer.wrap(tokenHash);
        Entry cached = entries.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached.account());
        }
        long started = System.nanoTime();
        Optional<RegistryAccount> account = lookup.get();
        if (account.isPresent() && ttlNanos > 0) {
            entries.put(key, new Entry(account.get(), started));
        } else {
            entries.invalidate(key);
        }
        return account;
    }

    /**
     * Waits out the period, to be called once a revocation is committed and before it is answered: every entry that
     * may still hold the revoked token, on any node, has expired when this returns. Not cut short by an interrupt
     * (a stopping server), which is restored afterwards.
     */
    public void awaitCachedLookupsExpired() {
        long deadline = System.nanoTime() + ttlNanos;
        boolean interrupted = false;
        for (long left = ttlNanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
