package dev.santong.goods.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;

/**
 * Transfers between locations. Sending takes the units off the sender's on hand (TRANSFER_OUT) and holds them in
 * transit; receiving puts what actually arrived on the receiver's on hand (TRANSFER_IN) and keeps sent − received as
 * the discrepancy for HQ. Both steps are idempotent by their keys, like every stock movement.
 */
@Component
class Transfers {

    public enum Status { IN_TRANSIT, RECEIVED, RECEIVED_SHORT, RECEIVED_OVER }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"id": "5e1d2c3b-4a59-4f68-9d7e-8c6b5a4f3e2d", "sku": "OX-BLU-M", "from": "WH-SH", "to": "9", "sent": 6, "received": 5, \
        "discrepancy": 1, "status": "RECEIVED_SHORT", "sentAt": "2026-11-18T08:00:00Z", "receivedAt": "2026-11-19T10:30:00Z", \
        "note": "one carton crushed"}""")
    public record Transfer(String id, String sku, String from, String to, long sent, Long received, Long discrepancy, Status status,
            Instant sentAt, Instant receivedAt, String note) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StockLedger ledger;
    private final Clock clock;

    Transfers(JdbcClient jdbc, TransactionTemplate transactions, StockLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Transfer send(String sku, String from, String to, long quantity, String reference, String actor) {
        if (from.equals(to)) {
            throw new InvalidRequestException("to", "must be another location than from");
        }
        if (quantity < 1) {
            throw new InvalidRequestException("quantity", "must be at least 1");
        }
        String key = "transfer:" + from + ":" + reference;
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> {
            Optional<Transfer> earlier = byKey(key);
            if (earlier.isPresent()) {
                if (!earlier.get().sku().equals(sku) || !earlier.get().to().equals(to) || earlier.get().sent() != quantity) {
                    throw new ConflictException("business-key-reused", "Transfer " + reference + " from " + from + " exists with other content");
                }
                return earlier.get();
            }
            String id = UUID.randomUUID().toString();
            Instant now = clock.instant();
            ledger.apply(new StockLedger.MovementCommand(sku, from, Cause.TRANSFER_OUT, -quantity, now, "transfer-out:" + id, reference), actor,
                    StockLedger.FutureTime.REFUSE);
            ledger.lock(sku, to);
            jdbc.sql("""
                    INSERT INTO transfer (id, business_key, sku_code, from_location, to_location, quantity_sent, status, sent_at)
                    VALUES (:id, :key, :sku, :from, :to, :q, 'IN_TRANSIT', :now)""")
                    .param("id", id).param("key", key).param("sku", sku).param("from", from).param("to", to).param("q", quantity)
                    .param("now", SqlTime.of(now)).update();
            return find(id);
        });
    }

    /** The receiver counts what arrived. Receiving again with the same count answers the same; another count is a 409. */
    public Transfer receive(String id, long received, String note, String actor) {
        if (received < 0) {
            throw new InvalidRequestException("quantityReceived", "must be 0 or more");
        }
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> {
            Transfer transfer = jdbc.sql("SELECT * FROM transfer WHERE id = :id FOR UPDATE").param("id", id).query(Transfers::transfer).optional()
                    .orElseThrow(() -> new ResourceNotFoundException("transfer", id));
            if (transfer.status() != Status.IN_TRANSIT) {
                if (transfer.received() == received) {
                    return transfer;
                }
                throw new ConflictException("transfer-received", "Transfer " + id + " was already received with " + transfer.received());
            }
            Instant now = clock.instant();
            ledger.apply(new StockLedger.MovementCommand(transfer.sku(), transfer.to(), Cause.TRANSFER_IN, received, now, "transfer-in:" + id, id),
                    actor, StockLedger.FutureTime.REFUSE);
            Status end = received == transfer.sent() ? Status.RECEIVED : received < transfer.sent() ? Status.RECEIVED_SHORT : Status.RECEIVED_OVER;
            jdbc.sql("UPDATE transfer SET quantity_received = :r, status = :s, received_at = :now, note = :note WHERE id = :id")
                    .param("r", received).param("s", end.name()).param("now", SqlTime.of(now)).param("note", note).param("id", id).update();
            return find(id);
        });
    }

    public Transfer find(String id) {
        return jdbc.sql("SELECT * FROM transfer WHERE id = :id").param("id", id).query(Transfers::transfer).optional()
                .orElseThrow(() -> new ResourceNotFoundException("transfer", id));
    }

    /** Transfers touching a location (sent or coming), newest first; {@code status} narrows it, e.g. IN_TRANSIT. */
    /** Transfers from or to a location, the latest sent first, a page at a time; the cursor is the last one's time and id. */
    public Page<Transfer> of(String location, Status status, String cursor, int limit) {
        Cursor.After after = Cursor.after(cursor);
        List<Transfer> fetched = jdbc.sql("""
                SELECT * FROM transfer WHERE (from_location = :l OR to_location = :l) AND (:s IS NULL OR status = :s)
                AND (:afterAt IS NULL OR sent_at < :afterAt OR (sent_at = :afterAt AND id < :afterId))
                ORDER BY sent_at DESC, id DESC LIMIT :n""")
                .param("l", location).param("s", status == null ? null : status.name()).param("n", limit + 1)
                .param("afterAt", after.at()).param("afterId", after.key())
                .query(Transfers::transfer).list();
        return Page.of(fetched, limit, last -> Cursor.at(last.sentAt(), last.id()));
    }

    private Optional<Transfer> byKey(String key) {
        return jdbc.sql("SELECT * FROM transfer WHERE business_key = :k").param("k", key).query(Transfers::transfer).optional();
    }

    private static Transfer transfer(ResultSet rs, int n) throws SQLException {
        Long received = (Long) rs.getObject("quantity_received", Long.class);
        java.sql.Timestamp receivedAt = rs.getTimestamp("received_at");
        long sent = rs.getLong("quantity_sent");
        return new Transfer(rs.getString("id"), rs.getString("sku_code"), rs.getString("from_location"), rs.getString("to_location"), sent,
                received, received == null ? null : sent - received, Status.valueOf(rs.getString("status")),
                rs.getTimestamp("sent_at").toInstant(), receivedAt == null ? null : receivedAt.toInstant(), rs.getString("note"));
    }
}
