package dev.santong.member.privacy;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasures the earlier relay table ({@code erasure_relay}) still had to deliver when the service was upgraded are moved
 * into the outbox at start-up, in one transaction with the rows' new status, so none is lost or sent twice by two
 * replicas starting together. The table keeps ids and times of what it delivered.
 */
@Component
class EarlierErasureRelay implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    EarlierErasureRelay(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        moveWaitingIntoOutbox();
    }

    /** @return how many waiting deliveries were moved */
    int moveWaitingIntoOutbox() {
        Integer moved = transactions.execute(status -> {
            List<ErasureRelay.ErasureToDeliver> waiting = jdbc.sql("""
                    SELECT member_id, service, member_ids, digests FROM erasure_relay WHERE status = 'PENDING' ORDER BY id FOR UPDATE""")
                    .query((rs, n) -> new ErasureRelay.ErasureToDeliver(rs.getString("member_id"), rs.getString("service"),
                            strings(rs.getString("member_ids")), strings(rs.getString("digests"))))
                    .list();
            waiting.forEach(events::publishEvent);
            jdbc.sql("UPDATE erasure_relay SET status = 'MOVED_TO_OUTBOX', digests = NULL WHERE status = 'PENDING'").update();
            return waiting.size();
        });
        return moved == null ? 0 : moved;
    }

    private List<String> strings(String jsonArray) {
        return jsonArray == null ? List.of() : json.readValue(jsonArray, new TypeReference<List<String>>() { });
    }
}
