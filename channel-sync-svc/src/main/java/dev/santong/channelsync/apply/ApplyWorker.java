package dev.santong.channelsync.apply;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.CorrelationKeys;
import dev.santong.platform.kit.persistence.WorkBackoff;
import dev.santong.platform.kit.tracing.TraceParents;

/**
 * Works the durable work table: plans new transactions, then works each due lane (one till, one target) in sequence
 * order under a lease. A transient failure stops the lane until its backoff ends (so a till's later transactions
 * never overtake an earlier one); a refusal is retried a few times, then quarantined and the lane moves on.
 */
@Component
class ApplyWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApplyWorker.class);
    private static final int HEAD_BATCH = 50;

    private final ApplyWork work;
    private final Map<String, ApplyTarget> targets;
    private final Clock clock;
    private final int threads;
    private final int maxAttempts;
    private final WorkBackoff backoff;
    private final Duration pollInterval;
    private final Duration lease;
    private final boolean enabled;
    private final Duration gapWait;
    private final TraceParents traces;
    private final String owner = "worker-" + UUID.randomUUID();
    private final Set<ApplyWork.Lane> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService lanes;

    ApplyWorker(ApplyWork work, List<ApplyTarget> targets, Clock clock,
            @Value("${santong.sync.apply.threads:16}") int threads,
            @Value("${santong.sync.apply.max-attempts:3}") int maxAttempts,
            @Value("${santong.sync.apply.initial-backoff:1s}") Duration initialBackoff,
            @Value("${santong.sync.apply.max-backoff:60s}") Duration maxBackoff,
            @Value("${santong.sync.apply.poll-interval:500ms}") Duration pollInterval,
            @Value("${santong.sync.apply.lease:60s}") Duration lease,
            @Value("${santong.sync.apply.enabled:true}") boolean enabled,
            @Value("${santong.sync.apply.gap-wait:24h}") Duration gapWait,
            TraceParents traces) {
        this.gapWait = gapWait;
        this.traces = traces;
        this.enabled = enabled;
        this.work = work;
        this.targets = targets.stream().collect(Collectors.toMap(ApplyTarget::name, Function.identity()));
        this.clock = clock;
        this.threads = threads;
        this.maxAttempts = maxAttempts;
        this.backoff = new WorkBackoff(initialBackoff, maxBackoff);
        this.pollInterval = pollInterval;
        this.lease = lease;
    }

    /** Off only where uploads are tested on their own, without the services transactions apply to. */
    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public void start() {
        lanes = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("apply-lane-", 0).daemon().factory());
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("apply-poller").daemon().factory());
        poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
        if (lanes != null) {
            lanes.shutdown();
            try {
                lanes.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null && !poller.isShutdown();
    }

    void poll() {
        try {
            while (work.plan(500) == 500) {
                // keep planning while a large backlog arrives
            }
            for (ApplyWork.Lane lane : work.dueLanes(200)) {
                if (inFlight.size() < threads * 2 && inFlight.add(lane)) {
                    lanes.execute(() -> {
                        try {
                            workLane(lane);
                        } finally {
                            inFlight.remove(lane);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            // The database may be briefly away; the next poll tries again and nothing acknowledged is lost.
            log.warn("apply poll failed: {}", e.toString());
        }
    }

    /** Works one lane while this worker holds it; package-private so a test can run two workers against one lane. */
    void workLane(ApplyWork.Lane lane) {
        ApplyTarget target = targets.get(lane.target());
        if (target == null) {
            return;
        }
        Optional<ApplyWork.Lease> held = work.lease(lane, owner, lease);
        if (held.isEmpty()) {
            return;
        }
        try {
            while (true) {
                List<ApplyWork.Item> head = work.head(lane, HEAD_BATCH);
                if (head.isEmpty()) {
                    return;
                }
                Map<Long, ApplyWork.ToApply> transactions = work.transactions(head);
                List<ApplyWork.Item> run = firstAttempts(head);
                if (run.size() > 1) {
                    if (applyRun(target, run, transactions, () -> work.renew(held.get(), lease))) {
                        continue;
                    }
                    // Something in the run failed: one by one below, so it lands on its own transaction.
                }
                for (ApplyWork.Item item : head) {
                    if (item.nextAttemptAt().isAfter(clock.instant())) {
                        return;
                    }
                    // Fenced before every remote call: a slow call may outlast the lease, and another replica may then
                    // have taken the lane over; this worker must not call again for it.
                    ApplyWork.ToApply next = transactions.get(item.transactionId());
                    if (!work.renew(held.get(), lease) || !applyOne(target, item, next.transaction(), next.uploadTrace())) {
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("lane {} stopped: {}", lane, e.toString());
        } finally {
            work.release(held.get());
        }
    }

    /**
     * The head's leading rows that may go to the target together: due, first attempts (a row that failed before goes
     * alone, so its failure is its own), and not corrections.
     */
    private List<ApplyWork.Item> firstAttempts(List<ApplyWork.Item> head) {
        java.time.Instant now = clock.instant();
        List<ApplyWork.Item> run = new java.util.ArrayList<>();
        for (ApplyWork.Item item : head) {
            if (item.attempts() > 0 || item.correctionId() != 0 || item.nextAttemptAt().isAfter(now)) {
                break;
            }
            run.add(item);
        }
        return run;
    }

    /**
     * @param stillHeld renews the lease and says whether this worker still holds the lane, before every call
     * @return whether the whole run was applied and finished; when not, nothing of it is marked and it goes one by one
     */
    private boolean applyRun(ApplyTarget target, List<ApplyWork.Item> run, Map<Long, ApplyWork.ToApply> transactions,
            java.util.function.BooleanSupplier stillHeld) {
        // The run continues the first upload's trace and links the others': each upload's trace still leads to its apply.
        TraceParents.Continued span = traces.continueFrom(transactions.get(run.getFirst().transactionId()).uploadTrace(),
                run.stream().map(item -> transactions.get(item.transactionId()).uploadTrace()).toList(),
                "apply " + target.name().toLowerCase(java.util.Locale.ROOT));
        MDC.put(CorrelationKeys.MDC_KEY, span.traceId() != null ? span.traceId() : "apply-" + run.getFirst().id());
        try (span) {
            List<String> outcomes = target.applyAll(run.stream().map(item -> transactions.get(item.transactionId()).transaction()).toList(),
                    stillHeld);
            work.doneAll(run, outcomes);
            return true;
        } catch (RuntimeException failed) {
            log.debug("a run of {} {} rows from {} goes one by one: {}", run.size(), target.name(), run.getFirst().reference(), failed.toString());
            return false;
        } finally {
            MDC.remove(CorrelationKeys.MDC_KEY);
        }
    }

    /** @return whether the lane may go on to its next row */
    private boolean applyOne(ApplyTarget target, ApplyWork.Item item, StoredTransaction transaction, String uploadTrace) {
        // The apply continues the upload's trace: its calls to the target service are spans of the till's request.
        TraceParents.Continued span = traces.continueFrom(uploadTrace, "apply " + target.name().toLowerCase(java.util.Locale.ROOT));
        MDC.put(CorrelationKeys.MDC_KEY, span.traceId() != null ? span.traceId() : "apply-" + item.id());
        try (span) {
            String outcome;
            if (item.correctionId() == 0) {
                outcome = target.apply(transaction);
            } else {
                ApplyWork.Correction correction = work.correction(item);
                outcome = target.correct(correction.applied(), correction.corrected(), correction.reference());
            }
            work.done(item, outcome);
            return true;
        } catch (ApplyFailure failure) {
            int attempt = item.attempts() + 1;
            if (failure.permanent() && work.earlierStillMissing(item)
                    && Duration.between(item.createdAt(), clock.instant()).compareTo(gapWait) < 0) {
                // An offline till's uploads arrive in any order: what this one needs may be in a batch still to come.
                work.retryLater(item, backoff.after(attempt), failure.getMessage() + "; earlier transactions of this till have not arrived yet");
                return false;
            }
            if (failure.permanent() && attempt >= maxAttempts) {
                log.warn("quarantined {} {} after {} attempts: {}", target.name(), item.reference(), attempt, failure.getMessage());
                work.quarantine(item, failure.getMessage());
                return true;
            }
            work.retryLater(item, backoff.after(attempt), failure.getMessage());
            return false;
        } catch (RuntimeException unexpected) {
            log.error("applying {} {} failed unexpectedly", target.name(), item.reference(), unexpected);
            work.retryLater(item, backoff.after(item.attempts() + 1), "unexpected: " + unexpected);
            return false;
        } finally {
            MDC.remove(CorrelationKeys.MDC_KEY);
        }
    }
}
