package dev.santong.channelsync.apply;

/**
 * One service a till's transactions have effects in. Adding a target (service-svc for till returns, say) is one
 * class implementing this: the work rows, ordering, retries, quarantine and replay come with it.
 */
interface ApplyTarget {

    /** Stored with each work row; never renamed once work exists. */
    String name();

    /** Whether this transaction has an effect here; decided once, when the transaction is planned. */
    boolean concerns(StoredTransaction transaction);

    /**
     * Applies the transaction's effects, idempotently: every call carries keys derived from the receipt reference,
     * so a repeat after a crash or timeout changes nothing. Returns a short account of what was done.
     *
     * @throws ApplyFailure when the effect could not be applied now ({@link ApplyFailure#permanent()} when retrying
     *                      cannot help until something is fixed)
     */
    String apply(StoredTransaction transaction);

    /**
     * Why an accepted correction cannot be applied here as a difference to what was applied (HQ is told before it
     * accepts); empty when it can. Only asked when either version concerns this target.
     */
    default java.util.Optional<String> uncorrectable(StoredTransaction applied, StoredTransaction corrected) {
        return java.util.Optional.empty();
    }

    /**
     * Applies what the corrected version does beyond the applied one, idempotently under keys from {@code reference}
     * (the correction's own, in the receipt's store day). Returns a short account of what was done.
     *
     * @throws ApplyFailure as {@link #apply}
     */
    String correct(StoredTransaction applied, StoredTransaction corrected, String reference);
}
