package io.ticketmesh.gateway.identity;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Password reset requests, carried out after their answer. For an address with an account a request locks it, counts
 * its links this hour, writes a link and an event; for one without, it looks the address up and stops: answered when
 * done, the time of the answer would tell who has an account, though its words do not. So the answer (202) comes once
 * the request is queued, the same for both, and two workers carry the queue out. A full queue (a flood from many
 * addresses, each under the gateway's per-address budget) drops the request, logged; whoever asked may ask again.
 * Shutting down finishes what is queued.
 */
@Component
class ResetRequests implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ResetRequests.class);
    private final PasswordService passwords;
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
            Thread.ofVirtual().name("password-reset-", 0).factory());

    ResetRequests(PasswordService passwords) {
        this.passwords = passwords;
    }

    /** Queues the request for the address; never fails, never waits for it. */
    void submit(String email) {
        try {
            workers.execute(() -> {
                try {
                    passwords.requestReset(email);
                } catch (RuntimeException e) {
                    log.warn("a password reset request was not carried out: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException full) {
            log.warn("password reset requests queue full; a request was dropped");
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
