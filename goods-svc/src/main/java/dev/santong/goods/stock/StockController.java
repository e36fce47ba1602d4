package dev.santong.goods.stock;

import static dev.santong.goods.stock.StockAccess.requireLocationManager;
import static dev.santong.goods.stock.StockAccess.requireLocationReader;
import static dev.santong.goods.stock.StockAccess.requireMovementWriter;
import static dev.santong.goods.stock.StockAccess.requireStaffOrHq;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
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

import dev.santong.goods.catalogue.SkuCatalogue;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Stock movements and levels. */
@RestController
@Tag(name = "Stock", description = "Levels that are the sum of their movements, per SKU and location")
@RequestMapping("/api/goods")
class StockController {

    @Schema(example = """
            {"sku": "OX-BLU-M", "location": "9", "cause": "POS_SALE", "quantity": -1, "businessTime": "2026-11-20T02:15:00Z",
             "reference": "9-3-20261120-1041"}""")
    /**
     * @param sku     the catalogue's SKU code; or instead
     * @param barcode what the till scanned: a GTIN in any of its lengths, or a store barcode
     * @param line    the receipt line, when one receipt moves the same SKU on several lines
     */
    record MovementRequest(@Size(max = 64) String sku,
            @Schema(description = "Instead of sku: a GTIN (8, 12, 13 or 14 digits) or a store barcode") @Size(max = 64) String barcode,
            @NotBlank @Size(max = 32) String location, @NotNull Cause cause,
            @NotNull @Min(-1_000_000) @Max(1_000_000) Long quantity,
            @Schema(description = "When it happened, UTC; at most a few minutes ahead of the server clock") @NotNull Instant businessTime, @NotBlank @Size(max = 100) String reference, @Size(max = 20) String line) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"safetyStock": 2}""")
    record SafetyStock(@NotNull @Min(0) @Max(1_000_000) Long safetyStock) {
    }

    private final StockLedger ledger;
    private final SkuCatalogue catalogue;

    StockController(StockLedger ledger, SkuCatalogue catalogue) {
        this.ledger = ledger;
        this.catalogue = catalogue;
    }

    /** A store posts its own store's movements (sales, returns, counts); HQ any location's. */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "recordMovement",
            summary = "Record a stock movement (receipt, sale, count, adjustment, …), once per business key")
    @PostMapping("/stock/movements")
    ResponseEntity<StockLedger.Applied> move(@Valid @RequestBody MovementRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        requireMovementWriter(caller, request.location(), request.cause());
        StockLedger.Applied applied = ledger.apply(command(request, ""), caller.subject(), StockLedger.FutureTime.REFUSE);
        return ResponseEntity.status(applied.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(applied);
    }

    record MovementBatch(@NotEmpty @Size(max = 200) List<@Valid @NotNull MovementRequest> movements) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"applied": 2, "replayed": 0}""")
    record BatchApplied(int applied, int replayed) {
    }

    /** A receipt's movements at once (all or none), each once by its own key: what channel-sync-svc posts per till receipt. */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "recordMovements", summary = "Record up to 200 movements in one request, each once per business key")
    @PostMapping("/stock/movement-batches")
    ResponseEntity<BatchApplied> moveAll(@Valid @RequestBody MovementBatch batch, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        batch.movements().forEach(movement -> requireMovementWriter(caller, movement.location(), movement.cause()));
        // What channel-sync-svc relays already happened at a till: a wrong clock is flagged, not a reason to lose the fact.
        StockLedger.FutureTime futureTime = caller.isSyncRelay() ? StockLedger.FutureTime.CLAMP_AND_FLAG : StockLedger.FutureTime.REFUSE;
        List<StockLedger.MovementCommand> commands = new java.util.ArrayList<>();
        for (int i = 0; i < batch.movements().size(); i++) {
            commands.add(command(batch.movements().get(i), "movements[" + i + "]."));
        }
        StockLedger.BatchOutcome outcome = ledger.applyAll(commands, caller.subject(), futureTime);
        return ResponseEntity.status(outcome.applied() == 0 ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new BatchApplied(outcome.applied(), outcome.replayed()));
    }

    /**
     * The movement of the SKU the request names, by code or by barcode; either way the same business key, so a
     * movement sent once by barcode and again by code is one movement.
     */
    private StockLedger.MovementCommand command(MovementRequest request, String field) {
        boolean bySku = request.sku() != null && !request.sku().isBlank();
        boolean byBarcode = request.barcode() != null && !request.barcode().isBlank();
        if (bySku == byBarcode) {
            throw new InvalidRequestException(field + (bySku ? "barcode" : "sku"), bySku ? "give sku or barcode, not both" : "sku or barcode is required");
        }
        String sku = bySku ? request.sku()
                : catalogue.skuOfBarcode(request.barcode())
                        .orElseThrow(() -> new InvalidRequestException(field + "barcode", "barcode " + request.barcode() + " is not in the catalogue"));
        String key = request.cause() + ":" + request.location() + ":" + sku + ":" + request.reference()
                + (request.line() == null ? "" : ":" + request.line());
        return new StockLedger.MovementCommand(sku, request.location(), request.cause(), request.quantity(), request.businessTime(), key,
                request.reference());
    }

    /** Movements whose declared business time was not believable (a till clock years ahead), dated at arrival instead. */
    @Operation(operationId = "listFlaggedMovements",
            summary = "Movements of a location whose declared business time was not believable, for reconciliation")
    @GetMapping("/stock/flagged-movements")
    @BareInVersion1
    Page<StockLedger.Movement> flaggedMovements(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String location,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication) {
        requireLocationReader(CallerIdentity.of(authentication), location);
        return ledger.flagged(location, cursor, limit);
    }

    @Operation(operationId = "getStockLevels", summary = "A SKU's stock per location: on hand, reserved, safety stock and what may be sold")
    @GetMapping("/stock/{sku}")
    @BareInVersion1
    Page<StockLedger.Level> levels(@PathVariable String sku, Authentication authentication) {
        requireStaffOrHq(CallerIdentity.of(authentication));
        return Page.all(ledger.levels(sku));
    }

    @Operation(operationId = "listMovements", summary = "The movements behind a SKU's level at a location, newest first")
    @GetMapping("/stock/{sku}/{location}/movements")
    @BareInVersion1
    Page<StockLedger.Movement> movements(@PathVariable String sku, @PathVariable String location,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication) {
        requireLocationReader(CallerIdentity.of(authentication), location);
        return ledger.movements(sku, location, cursor, limit);
    }

    /** What a location's movements with references starting with a prefix (a store's business day) add up to, per SKU. */
    @Operation(operationId = "getMovementTotals",
            summary = "Units moved per SKU and cause at a location by the references that start with a prefix (a day's receipts), for reconciliation")
    @GetMapping("/stock/movement-totals")
    @BareInVersion1
    Page<StockLedger.ReferenceTotal> movementTotals(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String location,
            @RequestParam @Size(min = 1, max = 100) String referencePrefix, Authentication authentication) {
        requireLocationReader(CallerIdentity.of(authentication), location);
        return Page.all(ledger.totalsByReferencePrefix(location, referencePrefix));
    }

    /** Levels POS sales took below zero, for reconciliation. */
    @Operation(operationId = "listNegativeLevels", summary = "Levels below zero, to investigate")
    @GetMapping("/stock/negative")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst', 'pos', 'store-staff')")
    @BareInVersion1
    Page<StockLedger.Level> negative(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        // A store investigates its own shelves; which other stores sold below zero is HQ's to see.
        if (caller.isHq()) {
            return ledger.negative(Optional.empty(), cursor, limit);
        }
        return caller.storeId().map(store -> ledger.negative(Optional.of(store), cursor, limit)).orElse(Page.all(List.of()));
    }


    @Operation(operationId = "setSafetyStock", summary = "Set the units a location keeps back from every hold")
    @PutMapping("/stock/{sku}/{location}/safety-stock")
    StockLedger.Level safetyStock(@PathVariable String sku, @PathVariable String location, @Valid @RequestBody SafetyStock safety,
            Authentication authentication) {
        requireLocationManager(CallerIdentity.of(authentication), location);
        return ledger.setSafetyStock(sku, location, safety.safetyStock());
    }
}
