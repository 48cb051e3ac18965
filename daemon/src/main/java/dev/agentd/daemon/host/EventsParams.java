package dev.agentd.daemon.host;

/** {@code host.events} params (host §4.3): {@code limit} ≥ 0, default 100, capped at the history size. */
public record EventsParams(Long limit) {
    static final int DEFAULT_LIMIT = 100;

    public EventsParams {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("'limit' must be >= 0 (got " + limit + ")");
        }
    }

    int effectiveLimit() {
        return limit == null ? DEFAULT_LIMIT : (int) Math.min(limit, EventLog.HISTORY);
    }
}
