package dev.santong.channelsync.apply;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.santong.channelsync.aftersales.AftersalesClient;
import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.upload.TransactionType;

/**
 * A return taken at a till becomes an after-sales case in service-svc, closed (the till paid the money back; the
 * GOODS and MEMBER targets move the stock and points): so HQ sees every return in one place, whatever the channel,
 * and goods returned at a till cannot be returned again online. {@code santong.sync.apply.till-returns=false} switches
 * it off (a deployment without service-svc).
 */
@Component
class AftersalesTarget implements ApplyTarget {

    private final AftersalesClient aftersales;
    private final SkuResolver skus;
    private final boolean enabled;

    AftersalesTarget(AftersalesClient aftersales, SkuResolver skus, @Value("${santong.sync.apply.till-returns:true}") boolean enabled) {
        this.aftersales = aftersales;
        this.skus = skus;
        this.enabled = enabled;
    }

    @Override
    public String name() {
        return "AFTERSALES";
    }

    @Override
    public boolean concerns(StoredTransaction tx) {
        return enabled && tx.type() == TransactionType.RETURN && tx.receipt().original().isPresent()
                && tx.receipt().liveLines().stream().anyMatch(line -> line.returned() && line.itemKey() != null);
    }

    @Override
    public String apply(StoredTransaction tx) {
        Receipt receipt = tx.receipt();
        Receipt.OriginalPurchase original = receipt.original().orElseThrow();
        List<AftersalesClient.Line> lines = receipt.liveLines().stream().filter(line -> line.returned() && line.itemKey() != null)
                .map(line -> new AftersalesClient.Line(skus.sku(line.sku(), line.gtin()), units(line.quantity()),
                        line.amount().abs().setScale(2, RoundingMode.HALF_UP)))
                .toList();
        try {
            AftersalesClient.Recorded recorded = aftersales.record("till-return-" + tx.storeId() + "-" + tx.reference(), tx.storeId(),
                    new AftersalesClient.TillReturn(tx.reference(), tx.businessTime(), new AftersalesClient.Purchase(original.channel(),
                            original.storeId(), original.reference()), receipt.currency(), lines));
            return (recorded.replayed() ? "already recorded as case " : "recorded as case ") + recorded.caseId();
        } catch (RuntimeException e) {
            throw ApplyFailure.of("recording the till return", e);
        }
    }

    /** A corrected return changes stock and points (the other targets); the case keeps the return as first taken. */
    @Override
    public String correct(StoredTransaction applied, StoredTransaction corrected, String reference) {
        return "the after-sales case keeps the return as first recorded";
    }

    @Override
    public Optional<String> uncorrectable(StoredTransaction applied, StoredTransaction corrected) {
        return Optional.empty();
    }

    /** Whole units, at least one: a weighed return of 0.4 kg is one returned item. */
    private static int units(BigDecimal quantity) {
        int units = quantity == null ? 1 : quantity.abs().setScale(0, RoundingMode.UP).intValue();
        return Math.max(1, Math.min(999, units));
    }
}
