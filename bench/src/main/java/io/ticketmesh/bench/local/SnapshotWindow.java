package io.ticketmesh.bench.local;

import io.ticketmesh.bench.LoadRunner;

/** A window that takes a snapshot of something as it opens and another as it closes; a report gets the difference. */
public abstract class SnapshotWindow<S> implements LoadRunner.Window {
    private volatile S opened;
    private volatile S closed;

    @Override
    public final void opened() {
        opened = take();
    }

    @Override
    public final void closed() {
        closed = take();
    }

    protected abstract S take();

    /** Whether the window has opened and closed, so {@link #atOpen} and {@link #atClose} are both there. */
    protected final boolean complete() {
        return opened != null && closed != null;
    }

    protected final S atOpen() {
        return opened;
    }

    protected final S atClose() {
        return closed;
    }
}
