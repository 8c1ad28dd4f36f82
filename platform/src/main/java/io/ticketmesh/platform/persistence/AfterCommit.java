package io.ticketmesh.platform.persistence;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must wait until the current transaction has committed (and is skipped when it rolls back). */
public final class AfterCommit {
    private AfterCommit() {}

    /** Runs {@code work} once the transaction this thread is in commits; call it from inside that transaction. */
    public static void run(Runnable work) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
