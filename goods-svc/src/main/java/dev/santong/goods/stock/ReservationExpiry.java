package dev.santong.goods.stock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Ends holds whose time is up, once per cluster: one replica at a time takes the job's lock. The work itself is safe
 * with any number of workers ({@link StockReservations#expireDue}); the lock saves the others the same queries.
 */
@Component
class ReservationExpiry {

    /** Holds per transaction: their ids go in one IN list, and a batch holds its rows' locks for well under a second. */
    static final int BATCH = 1000;

    private final StockReservations reservations;
    private final Counter runs;

    ReservationExpiry(StockReservations reservations, MeterRegistry meters) {
        this.reservations = reservations;
        this.runs = Counter.builder("santong.jobs.runs").tag("job", "reservation-expiry").description("Runs of a scheduled job on this replica")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${santong.reservations.expiry-interval:PT10S}")
    @SchedulerLock(name = "reservation-expiry", lockAtLeastFor = "${santong.reservations.expiry-lock-at-least:PT5S}", lockAtMostFor = "PT5M")
    void expireDue() {
        runs.increment();
        while (reservations.expireDue(BATCH) == BATCH) {
            // A full batch: more may be due.
        }
    }
}
