package dev.santong.channelsync.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.upload.ReceivedTransactions;
import dev.santong.channelsync.upload.ReceivedTransactions.ApplyStatus;
import dev.santong.channelsync.upload.TransactionType;
import dev.santong.channelsync.upload.UploadBatchRequest.PosTransaction;
import tools.jackson.databind.json.JsonMapper;

/** What Santong received of one store's business day, read for its effects. */
@Component
class DayTransactions {

    record Received(String workstationId, long sequenceNumber, String installation, TransactionType type, Instant businessTime, ApplyStatus applyStatus,
            Receipt receipt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ReceivedTransactions received;
    private final String defaultCurrency;

    DayTransactions(JdbcClient jdbc, JsonMapper json, ReceivedTransactions received,
            @Value("${santong.sync.default-currency:CNY}") String defaultCurrency) {
        this.jdbc = jdbc;
        this.received = received;
        this.json = json;
        this.defaultCurrency = defaultCurrency;
    }

    List<Received> of(String storeId, LocalDate day) {
        return received.ofDay(storeId, day).stream().map(tx -> {
            PosTransaction content = json.readValue(tx.content(), PosTransaction.class);
            return new Received(tx.workstationId(), tx.sequenceNumber(), tx.installationId(), tx.type(), tx.businessTime(), tx.applyStatus(),
                    Receipt.readOrEmpty(Receipt.reference(storeId, day, content.workstationId(), content.sequenceNumber()), content.payload(),
                            defaultCurrency));
        }).toList();
    }

    /** Stores that sent anything for the day or closed it. */
    List<String> storesOf(LocalDate day) {
        java.util.TreeSet<String> stores = new java.util.TreeSet<>(received.storesOn(day));
        stores.addAll(jdbc.sql("SELECT store_id FROM day_close WHERE business_day = :day").param("day", java.sql.Date.valueOf(day))
                .query(String.class).list());
        return List.copyOf(stores);
    }
}
