package dev.santong.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.santong.aftersales.membership.SalesFigures;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.problem.InvalidRequestException;

import io.swagger.v3.oas.annotations.media.Schema;

/** Return rate per channel: what came back of a period's purchases (here) over what was sold (member-svc's purchase figures). */
@Component
class ReturnRates {

    /** @param rate returned over sold, to four places; none when nothing was sold */
    @Schema(example = """
            {"channel": "ONLINE", "orders": 1240, "sold": {"amount": "246760.00", "currency": "CNY"}, "returnCases": 87, "returnedUnits": 95, \
                "returned": {"amount": "18905.00", "currency": "CNY"}, "rate": 0.0766}""")
    record Rate(SalesChannel channel, long orders, @MoneyInVersion1(currency = "currency") Money sold, long returnCases, long returnedUnits,
            @MoneyInVersion1 Money returned, BigDecimal rate) {
    }

    private final CaseQueues queues;
    private final SalesFigures sales;

    ReturnRates(CaseQueues queues, SalesFigures sales) {
        this.queues = queues;
        this.sales = sales;
    }

    List<Rate> of(Instant from, Instant to, String currency) {
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("to", "must be after from");
        }
        Map<String, SalesFigures.Sold> sold = sales.perChannel(from, to, currency);
        Map<SalesChannel, CaseQueues.Returned> returned = new java.util.EnumMap<>(SalesChannel.class);
        queues.returned(from, to, currency).forEach(figure -> returned.put(figure.channel(), figure));
        List<Rate> rates = new ArrayList<>();
        for (SalesChannel channel : List.of(SalesChannel.ONLINE, SalesChannel.STORE)) {
            SalesFigures.Sold soldHere = sold.getOrDefault(channel.name(), new SalesFigures.Sold(0, BigDecimal.ZERO));
            CaseQueues.Returned back = returned.getOrDefault(channel, new CaseQueues.Returned(channel, 0, 0, BigDecimal.ZERO));
            rates.add(new Rate(channel, soldHere.orders(), Money.of(soldHere.amount(), currency), back.cases(), back.units(),
                    Money.of(back.amount(), currency),
                    soldHere.amount().signum() == 0 ? null : back.amount().divide(soldHere.amount(), 4, RoundingMode.HALF_UP)));
        }
        return rates;
    }
}
