package dev.santong.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.santong.aftersales.membership.Purchases;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;

/**
 * What a purchase was made of, per SKU, as a case is checked against it: which SKUs, how many, what was paid for them.
 * Pure. A purchase recorded without lines is "not known": nothing can be checked, and no amount is computed.
 */
record PurchaseContents(boolean known, Map<String, Bought> bySku) {

    /** @param amount what was paid for all {@code quantity} units of the SKU in the purchase */
    record Bought(BigDecimal quantity, BigDecimal amount, String category) {
    }

    static PurchaseContents of(Purchases.Purchase purchase) {
        Map<String, Bought> bySku = new LinkedHashMap<>();
        for (Purchases.Line line : purchase.lines()) {
            if (line.sku() == null) {
                continue;
            }
            bySku.merge(line.sku(), new Bought(line.quantity(), line.amount(), line.category()),
                    (a, b) -> new Bought(a.quantity().add(b.quantity()), a.amount().add(b.amount()), a.category() != null ? a.category() : b.category()));
        }
        return new PurchaseContents(!purchase.lines().isEmpty(), bySku);
    }

    String category(String sku) {
        Bought bought = bySku.get(sku);
        return bought == null ? null : bought.category();
    }

    /** Every SKU of the case was in the purchase, never more of it than was bought. */
    void requireBought(OpenCaseRequest request, List<OpenCaseRequest.Line> lines) {
        if (!known) {
            return;
        }
        List<InvalidField> refused = new ArrayList<>();
        Map<String, Integer> asked = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OpenCaseRequest.Line line = lines.get(i);
            Bought bought = bySku.get(line.skuCode());
            if (bought == null) {
                refused.add(new InvalidField(request.fieldOf(i, "skuCode"), "was not part of the purchase"));
                continue;
            }
            int total = asked.merge(line.skuCode(), line.quantity(), Integer::sum);
            if (BigDecimal.valueOf(total).compareTo(bought.quantity()) > 0) {
                refused.add(new InvalidField(request.fieldOf(i, "quantity"), "is more than the " + bought.quantity().stripTrailingZeros().toPlainString()
                        + " bought"));
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
    }

    /**
     * What was paid for each line's goods, given what other cases already take back of each SKU ({@code takenBack});
     * refuses goods no longer there to take back. Shares are cut so that every partial return of a SKU adds up to
     * exactly what was paid for it: each takes the difference of the rounded running totals.
     */
    List<BigDecimal> shareOf(OpenCaseRequest request, List<OpenCaseRequest.Line> lines, Map<String, Integer> takenBack) {
        List<BigDecimal> shares = new ArrayList<>();
        Map<String, Integer> running = new HashMap<>(takenBack);
        for (int i = 0; i < lines.size(); i++) {
            OpenCaseRequest.Line line = lines.get(i);
            Bought bought = bySku.get(line.skuCode());
            if (!known || bought == null || !request.type().takesGoodsBack()) {
                shares.add(null);
                continue;
            }
            int before = running.getOrDefault(line.skuCode(), 0);
            int after = before + line.quantity();
            if (BigDecimal.valueOf(after).compareTo(bought.quantity()) > 0) {
                int takenByOthers = takenBack.getOrDefault(line.skuCode(), 0);
                throw new ConflictException("already-taken-back", "Of " + bought.quantity().stripTrailingZeros().toPlainString() + " × "
                        + line.skuCode() + " bought, other cases already take back " + takenByOthers + ": " + request.fieldOf(i, "quantity")
                        + " may be at most " + bought.quantity().subtract(BigDecimal.valueOf(before)).max(BigDecimal.ZERO).stripTrailingZeros().toPlainString(),
                        Map.of("field", request.fieldOf(i, "quantity"), "sku", line.skuCode(), "bought", bought.quantity(),
                                "takenBackByOtherCases", takenByOthers));
            }
            shares.add(paidFor(bought, after).subtract(paidFor(bought, before)));
            running.put(line.skuCode(), after);
        }
        return shares;
    }

    private static BigDecimal paidFor(Bought bought, int units) {
        return bought.amount().multiply(BigDecimal.valueOf(units)).divide(bought.quantity(), 2, RoundingMode.HALF_UP);
    }
}
