package dev.santong.aftersales.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.santong.aftersales.RemoteFailures;

/** The purchases cases are opened against, as member-svc records them (it is the one place every channel's sales meet). */
@Component
public class Purchases {

    /** @param lines empty when the purchase was recorded without them (a guest's, or before lines were kept) */
    public record Purchase(String memberId, String channel, String storeId, String reference, Instant occurredAt, BigDecimal amount,
            String currency, List<Line> lines, List<Tender> tenders) {
    }

    /** @param amount paid for all {@code quantity} units */
    public record Line(String sku, String category, BigDecimal quantity, BigDecimal amount) {
    }

    public record Tender(String method, BigDecimal amount) {
    }

    private final MemberClient members;

    Purchases(MemberClient members) {
        this.members = members;
    }

    /**
     * The purchase, or empty when member-svc knows none by these (or, with {@code shopperSubject}, none of that
     * shopper's). member-svc not answering is a 503 to the caller: nothing was decided.
     */
    public Optional<Purchase> find(String channel, String storeId, String reference, String shopperSubject) {
        MemberClient.Purchase found;
        try {
            found = members.purchase(channel, storeId, reference, shopperSubject);
        } catch (RuntimeException e) {
            if (RemoteFailures.status(e) == 404) {
                return Optional.empty();
            }
            throw RemoteFailures.unavailable("member-svc (purchases)", e);
        }
        return Optional.of(new Purchase(found.memberId(), found.channel(), found.storeId(), found.reference(), found.occurredAt(),
                found.amount(), found.currency(),
                found.lines() == null ? List.of() : found.lines().stream().map(l -> new Line(l.sku(), l.category(), l.quantity(), l.amount())).toList(),
                found.tenders() == null ? List.of() : found.tenders().stream().map(t -> new Tender(t.method(), t.amount())).toList()));
    }
}
