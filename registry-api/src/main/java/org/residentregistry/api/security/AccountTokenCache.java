package org.residentregistry.api.security;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

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

    private final long ttlNanos;
    private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The guarantee holds only if every node sharing the database has the same period (a revoking node waits its own);
     * at most {@link #LONGEST}, since a revocation is answered that much later.
     */
    AccountTokenCache(@Value("${registry.security.token-cache-ttl:PT1S}") Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(LONGEST) > 0) {
            throw new IllegalStateException("registry.security.token-cache-ttl must be between PT0S and " + LONGEST);
        }
        this.ttlNanos = ttl.toNanos();
    }

    private record Entry(RegistryAccount account, long expiresAt) {
    }

    /** The account of the token whose hash is {@code tokenHash}, from a lookup begun within the period, else from {@code lookup}. */
    Optional<RegistryAccount> account(byte[] tokenHash, Supplier<Optional<RegistryAccount>> lookup) {
        ByteBuffer key = ByteBuffer.wrap(tokenHash);
        long now = System.nanoTime();
        Entry cached = entries.get(key);
        if (cached != null && now - cached.expiresAt() < 0) {
            return Optional.of(cached.account());
        }
        Optional<RegistryAccount> account = lookup.get();
        if (account.isPresent() && ttlNanos > 0) {
            entries.put(key, new Entry(account.get(), now + ttlNanos));
        } else {
            entries.remove(key);
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
