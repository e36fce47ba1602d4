package dev.santong.goods.pricing;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
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

import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Prices and listings", description = "Which channels list a SKU, and its effective-dated prices")
@RequestMapping("/api/goods")
class PricingController {

    static final String CHANNEL = "ONLINE|STORE|ALL|STORE:[A-Za-z0-9_-]{1,32}";

    @Schema(example = """
            {"listed": true}""")
    record Listing(@NotNull Boolean listed) {
    }

    @Schema(example = """
            {"sku": "OX-BLU-M", "channel": "ONLINE", "listed": true}""")
    record ListingView(String sku, String channel, boolean listed) {
    }

    @Schema(example = """
            {"channel": "STORE:9", "currency": "CNY", "amount": "199.00", "validFrom": "2026-11-01T00:00:00Z", "validUntil": null}""")
    record PriceSpec(@NotNull @Pattern(regexp = CHANNEL) String channel, @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @Schema(description = "A member tier's own price (e.g. GOLD); omitted for everyone") @Size(max = 24) String tier,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount, @NotNull Instant validFrom, Instant validUntil) {
    }

    private final PriceLists prices;
    private final Clock clock;

    PricingController(PriceLists prices, Clock clock) {
        this.prices = prices;
        this.clock = clock;
    }

    @Operation(operationId = "setListing", summary = "List or unlist a SKU in a channel (HQ)")
    @PutMapping("/skus/{sku}/listings/{channel}")
    @PreAuthorize("hasRole('hq-admin')")
    ListingView list(@PathVariable String sku, @PathVariable @Pattern(regexp = CHANNEL) String channel, @Valid @RequestBody Listing listing) {
        prices.list(sku, channel, listing.listed());
        return new ListingView(sku, channel, prices.isListed(sku, channel));
    }

    @Answers.Created
    @Operation(operationId = "addPrice",
            summary = "Add a price that holds from a moment on, for a channel, a currency and optionally a member tier (HQ)")
    @PostMapping("/skus/{sku}/prices")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<PriceLists.Price> addPrice(@PathVariable String sku, @Valid @RequestBody PriceSpec spec, Authentication authentication) {
        PriceLists.Price price = prices.add(sku, spec.channel(), spec.currency(), spec.tier(), spec.amount(), spec.validFrom(), spec.validUntil(),
                CallerIdentity.of(authentication).subject());
        return ResponseEntity.created(URI.create("/api/goods/skus/" + sku + "/prices")).body(price);
    }

    @Operation(operationId = "listPrices", summary = "Every price of a SKU, past, present and scheduled (HQ)")
    @GetMapping("/skus/{sku}/prices")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<PriceLists.Price> allPrices(@PathVariable String sku) {
        return Page.all(prices.all(sku));
    }

    /**
     * The price in force (now, or at {@code at}) for a channel such as {@code ONLINE} or {@code STORE:9}. A shopper asks
     * only for what the online shop lists.
     */
    @Operation(operationId = "getPriceInForce", summary = "The price in force now, or at a moment, for a channel and currency")
    @GetMapping("/skus/{sku}/price")
    PriceLists.Price price(@PathVariable String sku, @RequestParam @Pattern(regexp = CHANNEL) String channel,
            @RequestParam(defaultValue = "CNY") @Pattern(regexp = "[A-Z]{3}") String currency, @RequestParam(required = false) String tier,
            @RequestParam(required = false) Instant at, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (caller.isShopper() && (!channel.equals("ONLINE") || !prices.isListed(sku, "ONLINE"))) {
            throw new ResourceNotFoundException("price of " + sku, channel);
        }
        return prices.inForce(sku, channel, currency, tier, at == null ? clock.instant() : at);
    }
}
