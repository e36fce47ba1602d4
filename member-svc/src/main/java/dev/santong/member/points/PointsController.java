package dev.santong.member.points;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.Channel;
import dev.santong.member.member.MemberAccess;
import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.member.member.Members;
import dev.santong.member.member.PosLookup;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Points", description = "Points earned, redeemed, reversed and adjusted; purchases behind them")
@RequestMapping("/api/members")
class PointsController {

    static final String CURRENCY = "[A-Z]{3}";

    /** service-svc acting on after-sales cases it has checked. */
    static final String AFTERSALES = "aftersales";

    /** The identity a shopper presented at a till: exactly one of them. */
    record Presented(@Size(max = 32) String phone, @Size(max = 40) String card, @Size(max = 40) String memberCode) {
    }

    /** @param quantity units (or a weight) the amount is for; one when not given */
    record Line(@Size(max = 64) String sku, @Size(max = 40) String category,
            @DecimalMin("0.001") @Digits(integer = 9, fraction = 3) BigDecimal quantity,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    /** How part of the purchase was paid: a refund goes back the same way. */
    record TenderLine(@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") String method,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    @Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "channel": "STORE", "storeId": "9", "reference": "9-3-20261120-1041",
             "occurredAt": "2026-11-20T02:15:00Z", "currency": "CNY", "lines": [{"sku": "OX-BLU-M", "category": "apparel", "amount": "199.00"}]}""")
    record EarnRequest(@Schema(description = "The member by id; or give presented") @Size(max = 36) String memberId, @Valid Presented presented,
            @NotNull Channel channel, @Size(max = 32) String storeId,
            @NotBlank @Size(max = 100) String reference, @Size(max = 20) String line, @NotNull Instant occurredAt,
            @NotNull @Pattern(regexp = CURRENCY) String currency, @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines,
            @Size(max = 20) List<@Valid @NotNull TenderLine> tenders) {
    }

    @Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "channel": "ONLINE", "reference": "SO-1001", "points": 500,
             "orderAmount": "199.00", "currency": "CNY", "occurredAt": "2026-11-20T02:15:00Z"}""")
    /** @param orderAmount what the order comes to; a shopper's own redemption takes it from the order the shop vouched for */
    record RedeemRequest(@Schema(description = "The member by id; or give presented") @Size(max = 36) String memberId, @Valid Presented presented,
            @NotNull Channel channel, @Size(max = 32) String storeId,
            @NotBlank @Size(max = 100) String reference, @NotNull @Min(1) @Max(100_000_000) Long points,
            @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal orderAmount,
            @NotNull @Pattern(regexp = CURRENCY) String currency, @NotNull Instant occurredAt) {
    }

    record PurchaseRef(@NotNull Channel channel, @Size(max = 32) String storeId, @NotBlank @Size(max = 100) String reference) {
    }

    @Schema(example = """
            {"purchase": {"channel": "ONLINE", "reference": "SO-1001"}, "returnReference": "RMA-77", "channel": "STORE", "storeId": "9",
             "returnedAmount": "99.50", "currency": "CNY", "occurredAt": "2026-11-22T09:00:00Z"}""")
    record ReversalRequest(@NotNull @Valid PurchaseRef purchase, @NotBlank @Size(max = 100) String returnReference,
            @NotNull Channel channel, @Size(max = 32) String storeId,
            @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal returnedAmount,
            @NotNull @Pattern(regexp = CURRENCY) String currency, @NotNull Instant occurredAt) {
    }

    @Schema(example = """
            {"points": 200, "reason": "Goodwill for a late delivery (ticket 2026-1190)", "reference": "hq-goodwill-2026-1190"}""")
    record AdjustmentRequest(@NotNull Long points, @NotBlank @Size(max = 500) String reason, @NotBlank @Size(max = 100) String reference) {
    }

    @Schema(example = """
            {"channel": "STORE", "storeId": "9", "reference": "9-3-2026-11-20-000123", "amount": "398.00", "currency": "CNY", "occurredAt": "2026-11-20T06:15:00Z"}""")
    record NonMemberPurchase(@NotNull Channel channel, @Size(max = 32) String storeId, @NotBlank @Size(max = 100) String reference,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency, @NotNull Instant occurredAt) {
    }

    /** @param balance the balance as of now (lots past their expiry no longer count) */
    @Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "balance": 1245, "lots": [{"id": 977, "initial": 199, "remaining": 199, \
            "earnedAt": "2026-11-20T02:15:00Z", "expiresAt": "2027-11-20T02:15:00Z"}]}""")
    record PointsView(String memberId, long balance, List<PointsLots.Lot> lots) {
    }

    private final PointsLedger ledger;
    private final LoyaltyRulesStore rules;
    private final PurchaseFacts purchases;
    private final MemberAccess access;
    private final Members members;
    private final StoreTotals storeTotals;
    private final OnlineOrders onlineOrders;
    private final PosLookup lookup;

    PointsController(PointsLedger ledger, LoyaltyRulesStore rules, PurchaseFacts purchases, MemberAccess access, Members members,
            StoreTotals storeTotals, OnlineOrders onlineOrders, PosLookup lookup) {
        this.lookup = lookup;
        this.storeTotals = storeTotals;
        this.onlineOrders = onlineOrders;
        this.ledger = ledger;
        this.rules = rules;
        this.purchases = purchases;
        this.access = access;
        this.members = members;
    }

    /** Points for a purchase: a till for its own store's sales, the shop's server for online orders, HQ for any. */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "earnPoints",
            summary = "Points for a purchase: a till for its own store's sales, the shop's server for online orders, HQ for any")
    @PostMapping("/points/earns")
    ResponseEntity<PointsLedger.Posted> earn(@Valid @RequestBody EarnRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        // service-svc posts an exchange's replacement as a purchase of the case it checked, in its own references only.
        if (!caller.hasRole(AFTERSALES) || !request.reference().startsWith("case-")) {
            MemberAccess.authoriseSale(caller, request.channel(), request.storeId());
        }
        String requested = requested(request.memberId(), request.presented());
        // The ledger finds the live member itself, share-locked in its transaction (a member unknown or not active is a
        // 404 or 409 from there): read here as well, the row was read twice for every earn.
        PointsLedger.Posted posted = ledger.earn(new PointsLedger.EarnCommand(requested, requested, request.channel(), request.storeId(),
                request.reference(), request.line(), request.occurredAt(), request.currency(),
                request.lines().stream().map(l -> new PurchaseFacts.Item(l.sku(), l.category(), l.quantity() == null ? BigDecimal.ONE : l.quantity(),
                        l.amount())).toList(),
                request.tenders() == null ? List.of() : request.tenders().stream().map(t -> new PurchaseFacts.Tender(t.method(), t.amount())).toList()),
                caller.subject());
        return answer(posted);
    }

    @Schema(example = """
            {"memberId": "3f6c2a9e-7d41-4c1b-9a57-2e8b5d0c4f11", "amount": "398.00", "currency": "CNY"}""")
    record OnlineOrderRequest(@NotBlank @Size(max = 36) String memberId,
            @NotNull @DecimalMin("0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount, @NotNull @Pattern(regexp = CURRENCY) String currency) {
    }

    /**
     * The shop's server vouches for an online order before checkout (whose it is, what it comes to), so the shopper may
     * pay part of it with points themselves. Once per reference; other content later is a 409.
     */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "vouchForOnlineOrder", summary = "Vouch for an online order before checkout (the shop's server)")
    @PutMapping("/points/online-orders/{reference}")
    @PreAuthorize("hasAnyRole('shop-backend', 'hq-admin')")
    ResponseEntity<OnlineOrders.Order> vouch(@PathVariable @Size(max = 100) @Pattern(regexp = "[\\w.:/-]{1,100}") String reference,
            @Valid @RequestBody OnlineOrderRequest request, Authentication authentication) {
        OnlineOrders.Vouched vouched = onlineOrders.vouch(reference, live(request.memberId()), request.amount(), request.currency(),
                CallerIdentity.of(authentication).subject());
        return ResponseEntity.status(vouched.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(vouched.order());
    }

    /**
     * Points as money off at a till, at the shop's checkout (the shop's server, or the shopper against an order the shop
     * vouched for them), or by HQ.
     */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "redeemPoints", summary = "Pay part of a purchase with points, once per reference")
    @PostMapping("/points/redemptions")
    @Answers.MayFindNothing
    ResponseEntity<PointsLedger.Posted> redeem(@Valid @RequestBody RedeemRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        String requested = requested(request.memberId(), request.presented());
        String member = live(requested);
        BigDecimal orderAmount = request.orderAmount();
        if (MemberAccess.isShopper(caller)) {
            if (request.channel() != Channel.ONLINE || !access.own(caller).id().equals(member)) {
                throw new AccessDeniedException("a shopper redeems their own points online");
            }
            // Only an order the shop vouched for this shopper: another's order number cannot be taken, nor an amount made up.
            OnlineOrders.Order order = onlineOrders.find(request.reference()).filter(o -> members.resolve(o.memberId()).id().equals(member))
                    .orElseThrow(() -> new ResourceNotFoundException("online order of this shopper", request.reference()));
            if (!order.total().currency().equals(request.currency())) {
                throw new InvalidRequestException("currency", "must be the order's currency " + order.total().currency());
            }
            orderAmount = order.total().amount();
        } else {
            MemberAccess.authoriseSale(caller, request.channel(), request.storeId());
            if (orderAmount == null) {
                throw new InvalidRequestException("orderAmount", "must be given: the share of an order points may pay is taken from it");
            }
        }
        return answer(ledger.redeem(new PointsLedger.RedeemCommand(member, requested, request.channel(), request.storeId(), request.reference(),
                request.points(), orderAmount, request.currency(), request.occurredAt()), caller.subject()));
    }

    /**
     * A return or cancellation, in any channel, of a purchase made in any channel: by the channel that took it back,
     * or by service-svc for a return case it has checked (role {@code aftersales}).
     */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "reversePoints", summary = "Take back the points of what was returned, once per return")
    @PostMapping("/points/reversals")
    @Answers.MayFindNothing
    ResponseEntity<PointsLedger.Reversed> reverse(@Valid @RequestBody ReversalRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.hasRole(AFTERSALES)) {
            MemberAccess.authoriseSale(caller, request.channel(), request.storeId());
        }
        PointsLedger.Reversed reversed = ledger.reverse(new PointsLedger.ReverseCommand(request.purchase().channel(),
                request.purchase().storeId(), request.purchase().reference(), request.returnReference(), request.channel(),
                request.storeId(), request.returnedAmount(), request.currency(), request.occurredAt()), caller.subject());
        return ResponseEntity.status(reversed.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(reversed);
    }

    @Answers.CreatedOrReplayed
    @Operation(operationId = "adjustPoints", summary = "Add or take points by hand, with a reason (HQ admin)")
    @PostMapping("/{memberId}/points/adjustments")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<PointsLedger.Posted> adjust(@PathVariable String memberId, @Valid @RequestBody AdjustmentRequest request,
            Authentication authentication) {
        if (request.points() == 0) {
            throw new dev.santong.platform.kit.problem.InvalidRequestException("points", "must not be zero");
        }
        return answer(ledger.adjust(live(memberId), memberId, request.points(), request.reason(), request.reference(),
                CallerIdentity.of(authentication).subject()));
    }

    /** A purchase without a member (a till sale to a guest), for HQ's member versus non-member figures. */
    @Answers.Accepted
    @Operation(operationId = "recordGuestPurchase",
            summary = "A purchase without a member (a till sale to a guest), for member versus non-member figures")
    @PostMapping("/purchase-facts")
    ResponseEntity<Void> nonMemberPurchase(@Valid @RequestBody NonMemberPurchase purchase, Authentication authentication) {
        MemberAccess.authoriseSale(CallerIdentity.of(authentication), purchase.channel(), purchase.storeId());
        purchases.record(null, null, purchase.channel(), purchase.storeId(), purchase.reference(), purchase.amount(), purchase.currency(),
                purchase.occurredAt());
        return ResponseEntity.accepted().build();
    }

    record NonMemberPurchases(@NotEmpty @Size(max = 500) List<@Valid @NotNull NonMemberPurchase> purchases) {
    }

    /** A till day's guest purchases at once (channel-sync-svc applies a lane's run in one call), each once by its reference. */
    @Answers.Accepted
    @Operation(operationId = "recordGuestPurchases", summary = "Up to 500 purchases without a member in one request, each once by its reference")
    @PostMapping("/purchase-facts/batches")
    ResponseEntity<Void> nonMemberPurchases(@Valid @RequestBody NonMemberPurchases batch, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        batch.purchases().forEach(purchase -> MemberAccess.authoriseSale(caller, purchase.channel(), purchase.storeId()));
        purchases.recordGuests(batch.purchases().stream().map(purchase -> new PurchaseFacts.GuestPurchase(purchase.channel(), purchase.storeId(),
                purchase.reference(), purchase.amount(), purchase.currency(), purchase.occurredAt())).toList());
        return ResponseEntity.accepted().build();
    }

    @Operation(operationId = "getMyPoints", summary = "The signed-in shopper's points balance")
    @GetMapping("/me/points")
    PointsView mine(Authentication authentication) {
        MemberRow member = access.own(CallerIdentity.of(authentication));
        return new PointsView(member.id(), ledger.balanceAsOfNow(member.id()), ledger.openLots(member.id()));
    }

    @Operation(operationId = "listMyPointsEntries", summary = "The signed-in shopper's points ledger, newest first")
    @GetMapping("/me/points/entries")
    @BareInVersion1
    Page<PointsLedger.Entry> myEntries(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication) {
        return ledger.entries(access.own(CallerIdentity.of(authentication)).id(), cursor, limit);
    }

    @Operation(operationId = "getMemberPoints", summary = "A member's points balance")
    @GetMapping("/{memberId}/points")
    PointsView ofMember(@PathVariable String memberId, Authentication authentication) {
        MemberRow member = access.check(memberId, CallerIdentity.of(authentication), Intent.READ);
        return new PointsView(member.id(), ledger.balanceAsOfNow(member.id()), ledger.openLots(member.id()));
    }

    /** The ledger itself: the member and HQ; a till sees the balance only. */
    @Operation(operationId = "listMemberPointsEntries", summary = "A member's points ledger, newest first (the member and HQ)")
    @GetMapping("/{memberId}/points/entries")
    @BareInVersion1
    Page<PointsLedger.Entry> entries(@PathVariable String memberId, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (MemberAccess.isStoreCaller(caller) && !caller.isHq()) {
            throw new AccessDeniedException("a till sees the balance, not the ledger");
        }
        return ledger.entries(access.check(memberId, caller, Intent.READ).id(), cursor, limit);
    }

    /** Every channel's purchases of a member, for whoever may read the member (a store: one shown at it). */
    @Operation(operationId = "listMemberPurchases",
            summary = "A member's purchases in every channel, the latest first, with lines, tenders and what was returned")
    @GetMapping("/{memberId}/purchases")
    Page<PurchaseView> purchasesOf(@PathVariable String memberId, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication) {
        String member = access.check(memberId, CallerIdentity.of(authentication), Intent.READ).id();
        return purchases.ofMember(member, cursor, limit).map(bought -> PurchaseView.of(member, bought));
    }

    /**
     * Points and purchases of one store's receipts whose reference starts with {@code referencePrefix} (a business day's
     * receipts share one), for reconciling the day: HQ, the store itself, and channel-sync-svc.
     */
    @Operation(operationId = "getStorePointsTotals",
            summary = "Points and purchases of a store's receipts whose reference starts with a prefix, for reconciling a day")
    @GetMapping("/points/store-totals")
    StoreTotals.Totals storeTotals(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String storeId,
            @RequestParam @Size(min = 1, max = 100) String referencePrefix, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.isHq() && !caller.actsForStore(storeId)) {
            throw new AccessDeniedException("a store reads its own store's totals only");
        }
        return storeTotals.of(storeId, referencePrefix);
    }

    /** A purchase with its member, lines, tenders and what was returned of it; every amount in the purchase's currency. */
    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "channel": "STORE", "storeId": "9", "reference": "9-3-2026-11-21-118", \
            "occurredAt": "2026-11-21T06:42:10Z", "total": {"amount": "398.00", "currency": "CNY"}, \
            "returned": {"amount": "0.00", "currency": "CNY"}, \
            "lines": [{"sku": "OX-BLU-M", "category": "shirts", "quantity": 2, "paid": {"amount": "398.00", "currency": "CNY"}}], \
            "tenders": [{"method": "WECHAT_PAY", "paid": {"amount": "398.00", "currency": "CNY"}}]}""")
    record PurchaseView(String memberId, Channel channel, String storeId, String reference, Instant occurredAt,
            @MoneyInVersion1(amount = "amount", currency = "currency") Money total,
            @MoneyInVersion1(amount = "returnedAmount") Money returned, List<Line> lines, List<Paid> tenders) {

        static PurchaseView of(String memberId, PurchaseFacts.Bought bought) {
            PurchaseFacts.Purchase purchase = bought.purchase();
            String currency = purchase.currency();
            return new PurchaseView(memberId, purchase.channel(), purchase.storeId(), purchase.reference(), purchase.occurredAt(),
                    Money.of(purchase.amount(), currency), Money.ofNullable(purchase.returnedAmount(), currency),
                    bought.items().stream().map(item -> new Line(item.sku(), item.category(), item.quantity(), Money.of(item.amount(), currency))).toList(),
                    bought.tenders().stream().map(tender -> new Paid(tender.method(), Money.of(tender.amount(), currency))).toList());
        }

        /** What was paid for all {@code quantity} units of the line, after discounts. */
        @io.swagger.v3.oas.annotations.media.Schema(name = "PurchaseLine")
        record Line(String sku, String category, BigDecimal quantity, @MoneyInVersion1(amount = "amount") Money paid) {
        }

        @io.swagger.v3.oas.annotations.media.Schema(name = "PurchaseTender")
        record Paid(String method, @MoneyInVersion1(amount = "amount") Money paid) {
        }
    }

    /**
     * One purchase as after-sales checks a case against it: service-svc and HQ. With {@code shopper} (a shopper
     * account's subject) it is found only if that shopper's member made it, so a shopper's case names only their own.
     */
    @Operation(operationId = "findPurchase", summary = "A purchase with its lines and tenders, for after-sales (service-svc, HQ)")
    @GetMapping("/purchases")
    @Answers.MayFindNothing
    @PreAuthorize("hasAnyRole('aftersales', 'hq-admin', 'hq-analyst')")
    PurchaseView purchase(@RequestParam Channel channel, @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String storeId,
            @RequestParam @Size(min = 1, max = 100) String reference, @RequestParam(required = false) @Size(max = 255) String shopper) {
        PurchaseFacts.Bought bought = purchases.bought(channel, storeId, reference)
                .filter(found -> shopper == null || access.accountOwns(shopper, found.purchase().memberId()))
                .orElseThrow(() -> new ResourceNotFoundException("purchase", channel + " " + reference));
        String memberId = bought.purchase().memberId() == null ? null : members.resolve(bought.purchase().memberId()).id();
        return PurchaseView.of(memberId, bought);
    }

    @Operation(operationId = "getLoyaltyRules", summary = "How many points a currency unit earns and what a point is worth")
    @GetMapping("/loyalty-rules")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    LoyaltyRulesStore.Versioned currentRules() {
        return rules.current();
    }

    @Operation(operationId = "setLoyaltyRules", summary = "Set how many points a currency unit earns and what a point is worth (HQ admin)")
    @PutMapping("/loyalty-rules")
    @PreAuthorize("hasRole('hq-admin')")
    LoyaltyRulesStore.Versioned replaceRules(@Valid @RequestBody LoyaltyRules replacement, Authentication authentication) {
        return rules.replace(replacement, CallerIdentity.of(authentication).subject());
    }

    /** The member a write names: by id, or by what a shopper presented at a till (so a till needs no lookup first). */
    private String requested(String memberId, Presented presented) {
        boolean byId = memberId != null && !memberId.isBlank();
        if (byId == (presented != null)) {
            throw new InvalidRequestException("memberId", "give either memberId or presented (the card, phone or member code a till was shown)");
        }
        return byId ? memberId : lookup.presented(presented.phone(), presented.card(), presented.memberCode()).id();
    }

    private String live(String memberId) {
        MemberRow member = members.resolve(memberId);
        if (!Members.ACTIVE.equals(member.status())) {
            throw new ConflictException("member-not-active", "Member " + memberId + " is " + member.status().toLowerCase());
        }
        return member.id();
    }


    private static ResponseEntity<PointsLedger.Posted> answer(PointsLedger.Posted posted) {
        return ResponseEntity.status(posted.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/members/" + posted.entry().memberId() + "/points/entries"))
                .body(posted);
    }
}
