package dev.agentd.browser.page;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slot's current element map and its map counter (browser §6.3). The counter belongs to the
 * connection and is never reset, so {@code m<k>} ids are never reused even across relaunches.
 * A cross-document navigation invalidates the map; an observe that raced with one does not
 * install its now-stale map.
 */
public final class ElementMaps {
    private final AtomicInteger counter;
    private ElementMap current;
    private long invalidations;

    public ElementMaps(AtomicInteger counter) {
        this.counter = counter;
    }

    public String nextMapId() {
        return "m" + counter.incrementAndGet();
    }

    public synchronized ElementMap current() {
        return current;
    }

    public synchronized long invalidations() {
        return invalidations;
    }

    public synchronized void invalidate() {
        current = null;
        invalidations++;
    }

    /** Installs {@code map} unless the map was invalidated since {@code invalidationsAtStart}. */
    public synchronized boolean install(ElementMap map, long invalidationsAtStart) {
        if (invalidations != invalidationsAtStart) {
            return false;
        }
        current = map;
        return true;
    }

    /** Resolves {@code elementId} against the current map, with the messages of §6.3. */
    public synchronized Target resolve(String elementId, String expectedMapId) throws StepFailure {
        if (current == null) {
            throw new StepFailure(ErrorKind.ELEMENT_NOT_FOUND, "no current observation; run observe first");
        }
        if (expectedMapId != null && !expectedMapId.equals(current.mapId())) {
            throw new StepFailure(ErrorKind.ELEMENT_NOT_FOUND,
                    elementId + " is from map " + expectedMapId + "; current map is " + current.mapId());
        }
        ElementMap map = current;
        return map.find(elementId)
                .map(entry -> new Target(map.mapId(), entry))
                .orElseThrow(() -> new StepFailure(ErrorKind.ELEMENT_NOT_FOUND,
                        elementId + " is not in map " + map.mapId() + " (" + map.idRange() + ")"));
    }

    /** A resolved element id. */
    public record Target(String mapId, ElementMap.Entry entry) {
        public String elementId() {
            return entry.elementId();
        }

        public long backendNodeId() {
            return entry.backendNodeId();
        }

        /** The failure for a node that has left the DOM. */
        public StepFailure gone() {
            return new StepFailure(ErrorKind.ELEMENT_NOT_FOUND,
                    elementId() + " (map " + mapId + ") is no longer in the page; observe again");
        }
    }
}
