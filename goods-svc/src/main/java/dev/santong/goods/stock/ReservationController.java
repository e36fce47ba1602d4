package dev.santong.goods.stock;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Page;
import dev.santong.platform.kit.web.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Reservations", description = "Holds on stock for orders, pick-ups and counters; never more than may be promised")
@RequestMapping("/api/goods")
class ReservationController {

    @Schema(example = """
            {"sku": "OX-BLU-M", "location": "WH-SH", "quantity": 1, "channel": "ONLINE", "orderReference": "SO-1001", "line": "1", "ttlSeconds": 900}""")
    record ReservationRequest(@NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 32) String location, @NotNull @Min(1) @Max(1000) Long quantity,
            @Schema(description = "ONLINE: shipped from the location; PICKUP: collected at the store; STORE: the store's own counter (stores and HQ only)")
            @NotNull StockReservations.Channel channel, @NotBlank @Size(max = 100) String orderReference,
            @Size(max = 20) String line, @Min(1) @Max(604_800) Long ttlSeconds) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"buckets": 8}""")
    record HotMode(@NotNull @Min(2) @Max(64) Integer buckets) {
    }

    private final StockReservations reservations;

    ReservationController(StockReservations reservations) {
        this.reservations = reservations;
    }

    /**
     * A shopper holds for themselves; the shop's server for its orders; a store for click and collect at itself;
     * service-svc for an exchange's replacement; HQ any.
     */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "reserveStock",
            summary = "Hold stock for an order, a pick-up or a store counter; never more than may be promised")
    @PostMapping("/reservations")
    ResponseEntity<StockReservations.Held> reserve(@Valid @RequestBody ReservationRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        String holder;
        boolean shopper = false;
        if (caller.hasRole("hq-admin")) {
            holder = caller.subject();
        } else if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            StockAccess.requireLocationWriter(caller, request.location());
            holder = "store:" + caller.storeId().orElseThrow();
        } else if (caller.hasRole("shop-backend")) {
            holder = "shop:" + request.orderReference();
        } else if (caller.hasRole("aftersales")) {
            // service-svc holds an exchange's replacement where the case received the goods back.
            holder = "aftersales:" + request.orderReference();
        } else if (caller.hasRole("customer")) {
            holder = caller.subject();
            shopper = true;
        } else {
            throw new AccessDeniedException("no role that may reserve stock");
        }
        if (request.channel() == StockReservations.Channel.STORE && (shopper || caller.hasRole("shop-backend"))) {
            throw new InvalidRequestException("channel", "STORE holds are taken by the store itself; use ONLINE or PICKUP");
        }
        String key = request.channel() + ":" + holder + ":" + request.orderReference() + (request.line() == null ? "" : ":" + request.line());
        StockReservations.Held held = reservations.reserve(new StockReservations.HoldRequest(request.sku(), request.location(), request.quantity(),
                request.channel(), holder, shopper, key, request.ttlSeconds() == null ? null : Duration.ofSeconds(request.ttlSeconds())));
        return ResponseEntity.status(held.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/goods/reservations/" + held.reservation().id())).body(held);
    }

    @Operation(operationId = "listOpenHolds", summary = "The holds still open on a SKU's level at a location, the oldest first (HQ, that store)")
    @GetMapping("/stock/{sku}/{location}/holds")
    Page<StockReservations.Reservation> openHolds(@PathVariable @Size(max = 64) String sku, @PathVariable @Size(max = 32) String location,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication) {
        StockAccess.requireLocationReader(CallerIdentity.of(authentication), location);
        return reservations.openHolds(sku, location, cursor, limit);
    }

    @Operation(operationId = "getReservation", summary = "A hold, for whoever holds it, its store, the shop's server or HQ")
    @GetMapping("/reservations/{id}")
    StockReservations.Reservation reservation(@PathVariable String id, Authentication authentication) {
        return visible(reservations.find(id), CallerIdentity.of(authentication));
    }

    /** Fulfilment or pick-up: the shop's server, the store it is collected at, or HQ. */
    @Operation(operationId = "confirmReservation", summary = "Confirm a hold: the units leave stock (fulfilment or pick-up)")
    @PostMapping("/reservations/{id}/confirmation")
    StockReservations.Reservation confirm(@PathVariable String id, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        StockReservations.Reservation reservation = visible(reservations.find(id), caller);
        if (caller.isShopper()) {
            throw new AccessDeniedException("a shopper cannot confirm their own hold");
        }
        StockAccess.requireNotReadOnly(caller);
        return reservations.confirm(reservation.id(), caller.subject());
    }

    @Operation(operationId = "releaseReservation", summary = "Release a hold: its units may be promised again")
    @PostMapping("/reservations/{id}/release")
    StockReservations.Reservation release(@PathVariable String id, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        StockReservations.Reservation reservation = visible(reservations.find(id), caller);
        StockAccess.requireNotReadOnly(caller);
        return reservations.release(reservation.id());
    }

    @Operation(operationId = "enableHotMode",
            summary = "Split a hot SKU's level into buckets so concurrent holds do not queue on one row (HQ)")
    @PutMapping("/stock/{sku}/{location}/hot-mode")
    @PreAuthorize("hasRole('hq-admin')")
    StockLedger.Level hot(@PathVariable String sku, @PathVariable String location, @Valid @RequestBody HotMode mode) {
        return reservations.enableHotMode(sku, location, mode.buckets());
    }

    @Operation(operationId = "disableHotMode", summary = "Fold a hot SKU's buckets back into its level (HQ)")
    @DeleteMapping("/stock/{sku}/{location}/hot-mode")
    @PreAuthorize("hasRole('hq-admin')")
    StockLedger.Level notHot(@PathVariable String sku, @PathVariable String location) {
        return reservations.disableHotMode(sku, location);
    }

    @Operation(operationId = "enableFlashSale",
            summary = "Flash-sale mode: holds of a SKU's level are queued and taken in batches, one transaction each (HQ)")
    @PutMapping("/stock/{sku}/{location}/flash-sale")
    @PreAuthorize("hasRole('hq-admin')")
    StockLedger.Level flashSale(@PathVariable String sku, @PathVariable String location) {
        return reservations.flashSale(sku, location, true);
    }

    @Operation(operationId = "disableFlashSale", summary = "End flash-sale mode: holds of the level are taken one by one again (HQ)")
    @DeleteMapping("/stock/{sku}/{location}/flash-sale")
    @PreAuthorize("hasRole('hq-admin')")
    StockLedger.Level noFlashSale(@PathVariable String sku, @PathVariable String location) {
        return reservations.flashSale(sku, location, false);
    }

    private static StockReservations.Reservation visible(StockReservations.Reservation reservation, CallerIdentity caller) {
        boolean visible = caller.isHq() || caller.hasRole("shop-backend") || caller.subject().equals(reservation.holder())
                || (caller.hasRole("aftersales") && reservation.holder().startsWith("aftersales:"))
                || ((caller.hasRole("pos") || caller.hasRole("store-staff")) && caller.actsForStore(reservation.location()));
        if (!visible) {
            throw new ResourceNotFoundException("reservation", reservation.id());
        }
        return reservation;
    }
}
