package dev.santong.channelsync.apply;

import java.time.Instant;
import java.time.LocalDate;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.upload.TransactionType;

/** A transaction as received, with its payload read for effects. */
record StoredTransaction(long id, String storeId, String workstationId, LocalDate businessDay, long sequenceNumber,
        TransactionType type, Instant businessTime, Receipt receipt) {

    public String reference() {
        return receipt.reference();
    }

    /** The same transaction with its effects keyed under another reference (an accepted correction's). */
    public StoredTransaction under(String otherReference) {
        return new StoredTransaction(id, storeId, workstationId, businessDay, sequenceNumber, type, businessTime,
                receipt.withReference(otherReference));
    }
}
