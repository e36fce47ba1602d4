package dev.santong.channelsync.upload;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What was received, as other capabilities need to read it: the numbering of a business day's transactions. */
@Component
public class ReceivedTransactions {

    /** One received transaction's place in its till's numbering. */
    public record Numbered(String storeId, String workstationId, long sequenceNumber, String installationId) {
    }

    private final JdbcClient jdbc;

    ReceivedTransactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param storeId null for every store */
    public List<Numbered> numberedOn(LocalDate day, String storeId) {
        return jdbc.sql("SELECT store_id, workstation_id, sequence_number, installation_id FROM pos_transaction WHERE business_day = :day"
                        + (storeId == null ? "" : " AND store_id = :store") + " ORDER BY store_id, workstation_id")
                .params(storeId == null ? Map.of("day", day) : Map.of("day", day, "store", storeId))
                .query((rs, n) -> new Numbered(rs.getString("store_id"), rs.getString("workstation_id"), rs.getLong("sequence_number"),
                        rs.getString("installation_id")))
                .list();
    }
}
