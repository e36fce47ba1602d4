package dev.santong.aftersales.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.santong.aftersales.RemoteFailures;

/** What was sold per channel in a period, as member-svc's purchase figures count it (members' and guests' purchases). */
@Component
public class SalesFigures {

    public record Sold(long orders, BigDecimal amount) {
    }

    private final MemberClient members;

    SalesFigures(MemberClient members) {
        this.members = members;
    }

    /** Per channel name (ONLINE, STORE); member-svc not answering is a 503. */
    public Map<String, Sold> perChannel(Instant from, Instant to, String currency) {
        MemberClient.Report report;
        try {
            report = members.analytics(from, to, currency);
        } catch (RuntimeException e) {
            throw RemoteFailures.unavailable("member-svc (purchase figures)", e);
        }
        Map<String, Sold> sold = new HashMap<>();
        for (MemberClient.Figures figures : report.channels()) {
            sold.put(figures.channel(), new Sold(figures.memberOrders() + figures.nonMemberOrders(),
                    figures.memberRevenue().add(figures.nonMemberRevenue())));
        }
        return sold;
    }
}
