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
     * Applies several transactions of one lane, in their order, in as few calls to the service as it allows; the worker
     * uses it for a lane's run of first attempts. Returns an account per transaction, in the same order.
     *
     * @param stillHeld asked before every call to the service: whether this worker still holds the lane (a slow call
     *                  may outlast the lease, and another replica then works the lane; this one must not call again)
     * @throws ApplyFailure when any of them could not be applied, or the lane was lost; the worker then applies them
     *                      one by one, so a failure lands on the transaction it belongs to (every effect is keyed by its
     *                      receipt, so what the batch applied before it failed is not applied again)
     */
    default java.util.List<String> applyAll(java.util.List<StoredTransaction> transactions, java.util.function.BooleanSupplier stillHeld) {
        java.util.List<String> accounts = new java.util.ArrayList<>();
        for (StoredTransaction transaction : transactions) {
            ApplyFailure.requireHeld(stillHeld);
            accounts.add(apply(transaction));
        }
        return accounts;
    }

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
