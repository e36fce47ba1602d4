package dev.santong.channelsync.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.upload.TransactionType;
import dev.santong.channelsync.upload.UploadBatchRequest.PosTransaction;
import tools.jackson.databind.json.JsonMapper;

/** What Santong received of one store's business day, read for its effects. */
@Component
class DayTransactions {

    record Received(String workstationId, long sequenceNumber, String installation, TransactionType type, Instant businessTime, String applyStatus,
            Receipt receipt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String defaultCurrency;

    DayTransactions(JdbcClient jdbc, JsonMapper json, @Value("${santong.sync.default-currency:CNY}") String defaultCurrency) {
        this.jdbc = jdbc;
        this.json = json;
        this.defaultCurrency = defaultCurrency;
    }

    List<Received> of(String storeId, LocalDate day) {
        return jdbc.sql("""
                SELECT workstation_id, sequence_number, installation_id, type, business_time, apply_status, content FROM pos_transaction
                WHERE store_id = :store AND business_day = :day ORDER BY workstation_id, sequence_number""")
                .param("store", storeId).param("day", java.sql.Date.valueOf(day))
                .query((rs, n) -> {
                    PosTransaction tx = json.readValue(rs.getString("content"), PosTransaction.class);
                    return new Received(rs.getString("workstation_id"), rs.getLong("sequence_number"), rs.getString("installation_id"),
                            TransactionType.valueOf(rs.getString("type")),
                            rs.getTimestamp("business_time").toInstant(), rs.getString("apply_status"),
                            Receipt.readOrEmpty(Receipt.reference(storeId, day, tx.workstationId(), tx.sequenceNumber()), tx.payload(), defaultCurrency));
                })
                .list();
    }

    /** Stores that sent anything for the day or closed it. */
    List<String> storesOf(LocalDate day) {
        return jdbc.sql("""
                SELECT store_id FROM pos_transaction WHERE business_day = :day
                UNION SELECT store_id FROM day_close WHERE business_day = :day ORDER BY store_id""")
                .param("day", java.sql.Date.valueOf(day)).query(String.class).list();
    }
}
