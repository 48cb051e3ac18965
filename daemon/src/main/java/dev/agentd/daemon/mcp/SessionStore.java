package dev.agentd.daemon.mcp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live MCP sessions (mcp §7.4), in memory only, over a Caffeine cache with variable expiry:
 * each entry expires at {@code min(lastAccess + idleTtl, createdAt + maxAge)}, recomputed on
 * create and on every read, so a touch ({@link #touch}) is a read after moving {@code lastAccess}.
 * Caffeine never returns an expired entry, whatever its cleanup cadence, and the system scheduler
 * removes expired ones promptly so their GET streams end.
 *
 * <p>The session cap is enforced here rather than with {@code maximumSize}: W-TinyLFU may refuse
 * admission to a new entry and evict the session just created, whereas the cap must evict the
 * least recently used one (oldest {@code lastAccess}, then oldest {@code createdAt}).
 */
public final class SessionStore {
    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    /** Why a session went; every reason ends its GET stream. */
    public enum RemovalReason {
        EXPLICIT,
        EXPIRED,
        EVICTED,
        INVALIDATED
    }

    private final McpSettings settings;
    private final Ticker ticker;
    private final Cache<String, McpSession> cache;
    private final Map<String, RemovalReason> pendingReasons = new ConcurrentHashMap<>();
    private final List<BiConsumer<McpSession, RemovalReason>> removalListeners = new CopyOnWriteArrayList<>();
    private volatile boolean invalidating;

    /**
     * @param ticker the clock of every TTL ({@link Ticker#systemTicker()} in the daemon, a fake in tests)
     * @param listenerExecutor runs the removal listener (it only enqueues the end of a stream)
     */
    public SessionStore(McpSettings settings, Ticker ticker, Executor listenerExecutor) {
        this.settings = settings;
        this.ticker = ticker;
        this.cache = Caffeine.newBuilder()
                .expireAfter(new SessionExpiry())
                .ticker(ticker)
                .scheduler(Scheduler.systemScheduler())
                .executor(listenerExecutor)
                .removalListener((String id, McpSession session, RemovalCause cause) -> removed(id, session, cause))
                .build();
    }

    public SessionStore(McpSettings settings) {
        this(settings, Ticker.systemTicker(), Runnable::run);
    }

    /** Registers an observer of removals (after the session's stream was ended). */
    public void onRemoval(BiConsumer<McpSession, RemovalReason> listener) {
        removalListeners.add(listener);
    }

    /** A new session with a fresh random UUID; at the cap, the least recently used session goes first. */
    public McpSession create(McpSession.Identity identity) {
        synchronized (this) {
            if (cache.estimatedSize() >= settings.maxSessions()) {
                cache.cleanUp();
                if (cache.estimatedSize() >= settings.maxSessions()) {
                    evictLeastRecentlyUsed();
                }
            }
            McpSession session = new McpSession(UUID.randomUUID().toString(), identity, ticker.read(),
                    settings.ringCapacity());
            cache.put(session.id(), session);
            return session;
        }
    }

    private void evictLeastRecentlyUsed() {
        cache.asMap().values().stream()
                .min(Comparator.comparingLong(McpSession::lastAccess).thenComparingLong(McpSession::createdAt))
                .ifPresent(victim -> {
                    pendingReasons.put(victim.id(), RemovalReason.EVICTED);
                    if (cache.asMap().remove(victim.id(), victim)) {
                        log.info("mcp session {} evicted: the store holds its maximum of {} sessions",
                                victim.id(), settings.maxSessions());
                    } else {
                        pendingReasons.remove(victim.id());
                    }
                });
    }

    /** The live session with this id; never an expired one. Does not touch it. */
    public Optional<McpSession> find(String id) {
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    /** {@code lastAccess = now}, re-arming the inactivity TTL (the absolute TTL still applies). */
    public void touch(McpSession session) {
        session.accessed(ticker.read());
        cache.getIfPresent(session.id());
    }

    /** DELETE (mcp §10): true if the session was live. */
    public boolean remove(McpSession session) {
        return cache.asMap().remove(session.id(), session);
    }

    /** The live sessions (a weakly consistent view). */
    public Collection<McpSession> sessions() {
        return cache.asMap().values();
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Shutdown (mcp §14 step 4): every session goes, its stream ended. */
    public void invalidateAll() {
        invalidating = true;
        cache.invalidateAll();
        cache.cleanUp();
    }

    /** Runs pending expiry now (tests with a fake ticker). */
    public void cleanUp() {
        cache.cleanUp();
    }

    private void removed(String id, McpSession session, RemovalCause cause) {
        if (session == null) {
            return;
        }
        RemovalReason reason = reasonOf(id, cause);
        session.events().endStream();
        log.debug("mcp session {} removed ({})", id, reason.name().toLowerCase(java.util.Locale.ROOT));
        removalListeners.forEach(listener -> listener.accept(session, reason));
    }

    private RemovalReason reasonOf(String id, RemovalCause cause) {
        RemovalReason pending = pendingReasons.remove(id);
        if (pending != null) {
            return pending;
        }
        if (cause == RemovalCause.EXPIRED) {
            return RemovalReason.EXPIRED;
        }
        if (cause == RemovalCause.SIZE) {
            return RemovalReason.EVICTED;
        }
        return invalidating ? RemovalReason.INVALIDATED : RemovalReason.EXPLICIT;
    }

    /** min(lastAccess + idleTtl, createdAt + maxAge) − now, recomputed on create, read and update. */
    private final class SessionExpiry implements Expiry<String, McpSession> {
        @Override
        public long expireAfterCreate(String id, McpSession session, long now) {
            return remaining(session, now);
        }

        @Override
        public long expireAfterUpdate(String id, McpSession session, long now, long current) {
            return remaining(session, now);
        }

        @Override
        public long expireAfterRead(String id, McpSession session, long now, long current) {
            return remaining(session, now);
        }

        private long remaining(McpSession session, long now) {
            long idleEnd = session.lastAccess() + settings.idleTtl().toNanos();
            long ageEnd = session.createdAt() + settings.maxAge().toNanos();
            return Math.max(0, Math.min(idleEnd, ageEnd) - now);
        }
    }
}
