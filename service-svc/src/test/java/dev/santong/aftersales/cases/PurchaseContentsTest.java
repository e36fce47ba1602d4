package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.santong.aftersales.membership.Purchases;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;

class PurchaseContentsTest {

    private static final Purchases.Purchase THREE_MUGS_AND_A_KETTLE = new Purchases.Purchase("m-1", "STORE", "9", "9-1-1",
            Instant.parse("2026-11-01T00:00:00Z"), new BigDecimal("399.00"), "CNY",
            List.of(new Purchases.Line("MUG", "kitchen", new BigDecimal("2"), new BigDecimal("66.67")),
                    new Purchases.Line("KETTLE", "appliances", BigDecimal.ONE, new BigDecimal("299.00")),
                    new Purchases.Line("MUG", null, BigDecimal.ONE, new BigDecimal("33.33"))),
            List.of());

    private static OpenCaseRequest returning(OpenCaseRequest.Line... lines) {
        return new OpenCaseRequest(CaseType.RETURN, SalesChannel.STORE, "9", null, new OpenCaseRequest.Purchase(SalesChannel.STORE, "9", "9-1-1"),
                null, null, List.of(lines), "r");
    }

    private static OpenCaseRequest.Line line(String sku, int quantity) {
        return new OpenCaseRequest.Line(sku, quantity, OpenCaseRequest.ReasonCode.CHANGED_MIND, null, null);
    }

    @Test
    void goodsNotBoughtOrMoreThanBoughtAreRefusedNamingTheLine() {
        PurchaseContents contents = PurchaseContents.of(THREE_MUGS_AND_A_KETTLE);
        OpenCaseRequest request = returning(line("MUG", 2), line("TEAPOT", 1), line("MUG", 2));
        assertThatThrownBy(() -> contents.requireBought(request, request.lines()))
                .isInstanceOfSatisfying(InvalidRequestException.class, refusal -> assertThat(refusal.errors()).containsExactly(
                        new InvalidField("lines[1].skuCode", "was not part of the purchase"), new InvalidField("lines[2].quantity", "is more than the 3 bought")));
    }

    @Test
    void partialReturnsOfASkuAddUpToExactlyWhatWasPaidForIt() {
        PurchaseContents contents = PurchaseContents.of(THREE_MUGS_AND_A_KETTLE);
        List<BigDecimal> paid = new ArrayList<>();
        Map<String, Integer> taken = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            OpenCaseRequest request = returning(line("MUG", 1));
            paid.addAll(contents.shareOf(request, request.lines(), taken));
            taken.merge("MUG", 1, Integer::sum);
        }
        assertThat(paid).containsExactly(new BigDecimal("33.33"), new BigDecimal("33.34"), new BigDecimal("33.33"));
        assertThat(paid.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("100.00");
        OpenCaseRequest fourth = returning(line("MUG", 1));
        assertThatThrownBy(() -> contents.shareOf(fourth, fourth.lines(), taken))
                .isInstanceOfSatisfying(ConflictException.class, refusal -> assertThat(refusal.facts())
                        .containsEntry("takenBackByOtherCases", 3).containsEntry("field", "lines[0].quantity"));
    }
}
