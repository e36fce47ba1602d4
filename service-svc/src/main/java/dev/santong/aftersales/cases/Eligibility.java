package dev.santong.aftersales.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.santong.platform.kit.problem.ConflictException;

/**
 * Whether a case may be opened for goods bought when and where they were, and on what terms: a return or exchange
 * within the return window of the channel (or of the goods' category, where HQ set one), a defect claimed within that
 * window or the warranty, a repair free under warranty or a free-service benefit and paid otherwise. A refusal names
 * the rule, the dates and the figures. Pure: the purchase, the terms and the time come in.
 */
final class Eligibility {

    /** On what terms the case goes ahead. */
    enum Entitlement { RETURN_WINDOW, WARRANTY, FREE_SERVICE_BENEFIT, CHARGEABLE, NONE }

    /** One SKU of the case with its terms: the purchase line's category and the catalogue's warranty. */
    record Goods(String sku, String category, int warrantyMonths) {
    }

    /** @param until the last moment the terms cover (the earliest of the case's goods); null without a deadline */
    record Decision(Entitlement entitlement, Instant until, String explanation) {
    }

    record Windows(Map<SalesChannel, Duration> perChannel, Map<String, Duration> perCategory) {

        Duration of(SalesChannel channel, String category) {
            if (category != null) {
                Duration forCategory = perCategory.get(category.toLowerCase(Locale.ROOT));
                if (forCategory != null) {
                    return forCategory;
                }
            }
            return perChannel.getOrDefault(channel, Duration.ZERO);
        }
    }

    private Eligibility() {
    }

    /** @param freeServiceBenefit whether the member has a free-repair benefit to use: asked only for a repair out of warranty */
    static Decision decide(CaseType type, SalesChannel boughtIn, Instant boughtAt, List<Goods> goods,
            java.util.function.BooleanSupplier freeServiceBenefit, Windows windows, Instant now) {
        return switch (type) {
            case COMPLAINT -> new Decision(Entitlement.NONE, null, "a complaint may be raised about any purchase");
            case RETURN, EXCHANGE -> {
                Instant until = null;
                for (Goods item : goods) {
                    Duration window = windows.of(boughtIn, item.category());
                    Instant end = boughtAt.plus(window);
                    if (now.isAfter(end)) {
                        throw refused("return-window", item.sku() + windowText(boughtIn, item.category(), window) + "; bought " + day(boughtAt)
                                + ", the window ended " + day(end) + " (" + daysBetween(end, now) + " days ago)",
                                Map.of("sku", item.sku(), "purchasedAt", boughtAt, "deadline", end, "windowDays", window.toDays()));
                    }
                    until = until == null || end.isBefore(until) ? end : until;
                }
                yield new Decision(Entitlement.RETURN_WINDOW, until, "within the return window until " + day(until));
            }
            case CLAIM -> {
                Instant until = null;
                for (Goods item : goods) {
                    Duration window = windows.of(boughtIn, item.category());
                    Instant returnEnd = boughtAt.plus(window);
                    Instant warrantyEnd = warrantyEnd(boughtAt, item.warrantyMonths());
                    Instant end = warrantyEnd.isAfter(returnEnd) ? warrantyEnd : returnEnd;
                    if (now.isAfter(end)) {
                        throw refused("warranty", item.sku() + " bought " + day(boughtAt) + " has a warranty of " + item.warrantyMonths()
                                + " months, which ended " + day(warrantyEnd) + windowText(boughtIn, item.category(), window) + " ("
                                + daysBetween(end, now) + " days past both)",
                                Map.of("sku", item.sku(), "purchasedAt", boughtAt, "deadline", end, "warrantyMonths", item.warrantyMonths(),
                                        "windowDays", window.toDays()));
                    }
                    until = until == null || end.isBefore(until) ? end : until;
                }
                yield new Decision(Entitlement.WARRANTY, until, "a defect claimed within its terms until " + day(until));
            }
            case REPAIR -> {
                Instant until = null;
                for (Goods item : goods) {
                    Instant end = warrantyEnd(boughtAt, item.warrantyMonths());
                    if (now.isAfter(end)) {
                        until = null;
                        break;
                    }
                    until = until == null || end.isBefore(until) ? end : until;
                }
                if (until != null) {
                    yield new Decision(Entitlement.WARRANTY, until, "repaired free under warranty until " + day(until));
                }
                if (freeServiceBenefit.getAsBoolean()) {
                    yield new Decision(Entitlement.FREE_SERVICE_BENEFIT, null,
                            "out of warranty; repaired free with the member's free-repair benefit, used when the repair is done");
                }
                yield new Decision(Entitlement.CHARGEABLE, null, "out of warranty and no free-repair benefit: the repair is charged");
            }
        };
    }

    /** Warranty months are calendar months from the day of purchase (UTC). */
    static Instant warrantyEnd(Instant boughtAt, int months) {
        return boughtAt.atZone(ZoneOffset.UTC).plusMonths(Math.max(0, months)).toInstant();
    }

    private static String windowText(SalesChannel channel, String category, Duration window) {
        return "; goods" + (category == null ? "" : " of category " + category) + " bought " + (channel == SalesChannel.ONLINE ? "online" : "in a store")
                + " may be returned within " + window.toDays() + " days";
    }

    private static ConflictException refused(String rule, String detail, Map<String, Object> figures) {
        Map<String, Object> facts = new java.util.LinkedHashMap<>(figures);
        facts.put("rule", rule);
        facts.put("purchasedAt", figures.get("purchasedAt").toString());
        facts.put("deadline", figures.get("deadline").toString());
        return new ConflictException("not-eligible", "Not eligible (rule " + rule + "): " + detail, facts);
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static long daysBetween(Instant from, Instant to) {
        return Math.max(1, Duration.between(from, to).toDays());
    }
}
