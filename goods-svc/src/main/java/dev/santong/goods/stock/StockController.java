package dev.santong.goods.stock;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

@RestController
@RequestMapping("/api/goods")
class StockController {

    enum Kind { STORE, WAREHOUSE }

    @Schema(example = """
            {"name": "Store 9, Nanjing Road", "kind": "STORE", "latitude": 31.2352, "longitude": 121.4748, "pickupEnabled": true,
             "onlineBuffer": 2, "pickupBuffer": 1}""")
    record LocationSpec(@NotBlank @Size(max = 120) String name, @NotNull Kind kind,
            @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude, @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
            @NotNull Boolean pickupEnabled,
            @Schema(description = "Units of each SKU kept back from online holds at this location (shop floor shrinkage, display pieces)")
            @NotNull @Min(0) @Max(1_000_000) Long onlineBuffer,
            @Schema(description = "Units of each SKU kept back from pick-up holds at this store; 0 when not given")
            @Min(0) @Max(1_000_000) Long pickupBuffer) {
    }

    record Location(String code, String name, Kind kind, BigDecimal latitude, BigDecimal longitude, boolean pickupEnabled, long onlineBuffer,
            long pickupBuffer) {
    }

    @Schema(example = """
            {"sku": "OX-BLU-M", "location": "9", "cause": "POS_SALE", "quantity": -1, "businessTime": "2026-11-20T02:15:00Z",
             "reference": "9-3-20261120-1041"}""")
    /** @param line the receipt line, when one receipt moves the same SKU on several lines */
    record MovementRequest(@NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 32) String location, @NotNull Cause cause,
            @NotNull @Min(-1_000_000) @Max(1_000_000) Long quantity,
            @Schema(description = "When it happened, UTC; at most a few minutes ahead of the server clock") @NotNull Instant businessTime, @NotBlank @Size(max = 100) String reference, @Size(max = 20) String line) {
    }

    record SafetyStock(@NotNull @Min(0) @Max(1_000_000) Long safetyStock) {
    }

    @Schema(example = """
            {"sku": "OX-BLU-M", "location": "WH-SH", "quantity": 1, "channel": "ONLINE", "orderReference": "SO-1001", "line": "1", "ttlSeconds": 900}""")
    record ReservationRequest(@NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 32) String location, @NotNull @Min(1) @Max(1000) Long quantity,
            @Schema(description = "ONLINE: shipped from the location; PICKUP: collected at the store; STORE: the store's own counter (stores and HQ only)")
            @NotNull StockReservations.Channel channel, @NotBlank @Size(max = 100) String orderReference,
            @Size(max = 20) String line, @Min(1) @Max(604_800) Long ttlSeconds) {
    }

    record HotMode(@NotNull @Min(2) @Max(64) Integer buckets) {
    }

    /**
     * @param available      what may still be promised at this location (hot-mode buckets included)
     * @param availableOnline what an online order may be promised from here: never the location's online buffer
     * @param availablePickup what may be promised for pick-up here: never its pick-up buffer; 0 where pick-up is not offered
     * @param distanceKm     from the point asked about, when one was given
     */
    record LocationAvailability(String location, String name, Kind kind, long available, long availableOnline, long availablePickup,
            boolean pickup, Double distanceKm) {
    }

    private final StockLedger ledger;
    private final StockReservations reservations;
    private final JdbcClient jdbc;

    StockController(StockLedger ledger, StockReservations reservations, JdbcClient jdbc) {
        this.ledger = ledger;
        this.reservations = reservations;
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ locations

    @PutMapping("/locations/{code}")
    @PreAuthorize("hasRole('hq-admin')")
    Location defineLocation(@PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String code, @Valid @RequestBody LocationSpec spec) {
        jdbc.sql("""
                INSERT INTO location (code, name, kind, latitude, longitude, pickup_enabled, online_buffer, pickup_buffer)
                VALUES (:code, :name, :kind, :lat, :lon, :pickup, :buffer, :pickupBuffer)
                ON DUPLICATE KEY UPDATE name = VALUES(name), kind = VALUES(kind), latitude = VALUES(latitude), longitude = VALUES(longitude),
                    pickup_enabled = VALUES(pickup_enabled), online_buffer = VALUES(online_buffer), pickup_buffer = VALUES(pickup_buffer)""")
                .param("code", code).param("name", spec.name()).param("kind", spec.kind().name()).param("lat", spec.latitude())
                .param("lon", spec.longitude()).param("pickup", spec.pickupEnabled()).param("buffer", spec.onlineBuffer())
                .param("pickupBuffer", spec.pickupBuffer() == null ? 0 : spec.pickupBuffer()).update();
        // A larger buffer is kept back from hot-mode buckets too.
        ledger.coverHotLevels(code);
        return location(code);
    }

    @GetMapping("/locations")
    List<Location> locations() {
        return jdbc.sql("SELECT * FROM location ORDER BY code").query(StockController::location).list();
    }

    // ------------------------------------------------------------------ movements and levels

    /** A store posts its own store's movements (sales, returns, counts); HQ any location's. */
    @PostMapping("/stock/movements")
    ResponseEntity<StockLedger.Applied> move(@Valid @RequestBody MovementRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        requireLocationWriter(caller, request.location());
        StockLedger.Applied applied = ledger.apply(command(request), caller.subject(), StockLedger.FutureTime.REFUSE);
        return ResponseEntity.status(applied.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(applied);
    }

    record MovementBatch(@NotEmpty @Size(max = 200) List<@Valid @NotNull MovementRequest> movements) {
    }

    record BatchApplied(int applied, int replayed) {
    }

    /** A receipt's movements at once (all or none), each once by its own key: what channel-sync-svc posts per till receipt. */
    @PostMapping("/stock/movement-batches")
    ResponseEntity<BatchApplied> moveAll(@Valid @RequestBody MovementBatch batch, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        batch.movements().forEach(movement -> requireLocationWriter(caller, movement.location()));
        // What channel-sync-svc relays already happened at a till: a wrong clock is flagged, not a reason to lose the fact.
        StockLedger.FutureTime futureTime = caller.isSyncRelay() ? StockLedger.FutureTime.CLAMP_AND_FLAG : StockLedger.FutureTime.REFUSE;
        List<StockLedger.Applied> applied = ledger.applyAll(batch.movements().stream().map(StockController::command).toList(), caller.subject(),
                futureTime);
        int replayed = (int) applied.stream().filter(StockLedger.Applied::replayed).count();
        return ResponseEntity.status(replayed == applied.size() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new BatchApplied(applied.size() - replayed, replayed));
    }

    private static StockLedger.MovementCommand command(MovementRequest request) {
        String key = request.cause() + ":" + request.location() + ":" + request.sku() + ":" + request.reference()
                + (request.line() == null ? "" : ":" + request.line());
        return new StockLedger.MovementCommand(request.sku(), request.location(), request.cause(), request.quantity(), request.businessTime(), key,
                request.reference());
    }

    /** Movements whose declared business time was not believable (a till clock years ahead), dated at arrival instead. */
    @Operation(summary = "Movements of a location whose declared business time was not believable, for reconciliation")
    @GetMapping("/stock/flagged-movements")
    List<StockLedger.Movement> flaggedMovements(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String location,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.isHq() && !caller.actsForStore(location)) {
            throw new AccessDeniedException("a store reads its own store's movements only");
        }
        return ledger.flagged(location, limit);
    }

    @GetMapping("/stock/{sku}")
    List<StockLedger.Level> levels(@PathVariable String sku, Authentication authentication) {
        requireStaffOrHq(CallerIdentity.of(authentication));
        return ledger.levels(sku);
    }

    @GetMapping("/stock/{sku}/{location}/movements")
    List<StockLedger.Movement> movements(@PathVariable String sku, @PathVariable String location,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, Authentication authentication) {
        requireStaffOrHq(CallerIdentity.of(authentication));
        return ledger.movements(sku, location, limit);
    }

    /** What a location's movements with references starting with a prefix (a store's business day) add up to, per SKU. */
    @GetMapping("/stock/movement-totals")
    List<StockLedger.ReferenceTotal> movementTotals(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String location,
            @RequestParam @Size(min = 1, max = 100) String referencePrefix, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.isHq() && !caller.actsForStore(location)) {
            throw new AccessDeniedException("a store reads its own store's movements only");
        }
        return ledger.totalsByReferencePrefix(location, referencePrefix);
    }

    /** Levels POS sales took below zero, for reconciliation. */
    @GetMapping("/stock/negative")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst', 'pos', 'store-staff')")
    List<StockLedger.Level> negative() {
        return ledger.negative();
    }

    @PutMapping("/stock/{sku}/{location}/safety-stock")
    StockLedger.Level safetyStock(@PathVariable String sku, @PathVariable String location, @Valid @RequestBody SafetyStock safety,
            Authentication authentication) {
        requireLocationWriter(CallerIdentity.of(authentication), location);
        return ledger.setSafetyStock(sku, location, safety.safetyStock());
    }

    // ------------------------------------------------------------------ reservations

    /** A shopper holds for themselves; the shop's server for its orders; a store for click and collect at itself; HQ any. */
    @PostMapping("/reservations")
    ResponseEntity<StockReservations.Held> reserve(@Valid @RequestBody ReservationRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        String holder;
        boolean shopper = false;
        if (caller.hasRole("hq-admin")) {
            holder = caller.subject();
        } else if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            requireLocationWriter(caller, request.location());
            holder = "store:" + caller.storeId().orElseThrow();
        } else if (caller.hasRole("shop-backend")) {
            holder = "shop:" + request.orderReference();
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

    @GetMapping("/reservations/{id}")
    StockReservations.Reservation reservation(@PathVariable String id, Authentication authentication) {
        return visible(reservations.find(id), CallerIdentity.of(authentication));
    }

    /** Fulfilment or pick-up: the shop's server, the store it is collected at, or HQ. */
    @PostMapping("/reservations/{id}/confirmation")
    StockReservations.Reservation confirm(@PathVariable String id, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        StockReservations.Reservation reservation = visible(reservations.find(id), caller);
        if (caller.isShopper()) {
            throw new AccessDeniedException("a shopper cannot confirm their own hold");
        }
        return reservations.confirm(reservation.id(), caller.subject());
    }

    @PostMapping("/reservations/{id}/release")
    StockReservations.Reservation release(@PathVariable String id, Authentication authentication) {
        return reservations.release(visible(reservations.find(id), CallerIdentity.of(authentication)).id());
    }

    @PutMapping("/stock/{sku}/{location}/hot-mode")
    @PreAuthorize("hasRole('hq-admin')")
    StockLedger.Level hot(@PathVariable String sku, @PathVariable String location, @Valid @RequestBody HotMode mode) {
        return reservations.enableHotMode(sku, location, mode.buckets());
    }

    @DeleteMapping("/stock/{sku}/{location}/hot-mode")
    @PreAuthorize("hasRole('hq-admin')")
    StockLedger.Level notHot(@PathVariable String sku, @PathVariable String location) {
        return reservations.disableHotMode(sku, location);
    }

    // ------------------------------------------------------------------ availability

    /**
     * Where a SKU can be had: per location what may be promised, what the online shop may promise, whether it can be
     * picked up there; with {@code near=lat,lon}, nearest first.
     */
    @GetMapping("/skus/{sku}/availability")
    List<LocationAvailability> availability(@PathVariable String sku, @RequestParam(required = false) String near,
            @RequestParam(defaultValue = "false") boolean pickupOnly, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        double[] point = near == null ? null : point(near);
        // One query for every location: shoppers ask this on every product page.
        List<LocationAvailability> result = new ArrayList<>();
        for (java.util.Map<String, Object> row : jdbc.sql("""
                SELECT l.code, l.name, l.kind, l.latitude, l.longitude, l.pickup_enabled, l.online_buffer, l.pickup_buffer,
                       COALESCE(s.on_hand - s.reserved - s.safety_stock, 0) AS level_sellable,
                       COALESCE((SELECT SUM(b.available) FROM stock_bucket b WHERE b.sku_code = :sku AND b.location_code = l.code), 0) AS in_buckets
                FROM location l LEFT JOIN stock_level s ON s.location_code = l.code AND s.sku_code = :sku
                ORDER BY l.code""").param("sku", sku).query().listOfRows()) {
            long levelSellable = ((Number) row.get("level_sellable")).longValue();
            long inBuckets = ((Number) row.get("in_buckets")).longValue();
            boolean pickup = (Boolean) row.get("pickup_enabled");
            long available = StockReservations.Channel.holdable(levelSellable, inBuckets, 0);
            long availableOnline = StockReservations.Channel.holdable(levelSellable, inBuckets, ((Number) row.get("online_buffer")).longValue());
            long availablePickup = pickup ? StockReservations.Channel.holdable(levelSellable, inBuckets, ((Number) row.get("pickup_buffer")).longValue())
                    : 0;
            if (pickupOnly && availablePickup <= 0) {
                continue;
            }
            BigDecimal latitude = (BigDecimal) row.get("latitude");
            BigDecimal longitude = (BigDecimal) row.get("longitude");
            Double distance = point == null || latitude == null ? null
                    : haversineKm(point[0], point[1], latitude.doubleValue(), longitude.doubleValue());
            result.add(new LocationAvailability((String) row.get("code"), (String) row.get("name"), Kind.valueOf((String) row.get("kind")),
                    available, availableOnline, availablePickup, pickup, distance));
        }
        Comparator<LocationAvailability> order = point == null ? Comparator.comparing(LocationAvailability::location)
                : Comparator.comparing(LocationAvailability::distanceKm, Comparator.nullsLast(Comparator.naturalOrder()));
        return result.stream().sorted(order).limit(limit).toList();
    }

    private static double[] point(String near) {
        String[] parts = near.split(",");
        try {
            double lat = Double.parseDouble(parts[0]);
            double lon = Double.parseDouble(parts[1]);
            if (parts.length != 2 || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
                throw new NumberFormatException();
            }
            return new double[] { lat, lon };
        } catch (RuntimeException e) {
            throw new InvalidRequestException("near", "must be latitude,longitude in degrees, e.g. 31.2304,121.4737");
        }
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 6371.0088 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    // ------------------------------------------------------------------ rules

    static void requireLocationWriter(CallerIdentity caller, String location) {
        if (caller.hasRole("hq-admin")) {
            return;
        }
        if (caller.actsForStore(location)) {
            return;
        }
        throw new AccessDeniedException("a store touches only its own store's stock");
    }

    static void requireStaffOrHq(CallerIdentity caller) {
        if (!caller.isHq() && !caller.hasRole("pos") && !caller.hasRole("store-staff") && !caller.isSyncRelay()) {
            throw new AccessDeniedException("stock levels are for stores and HQ; shoppers see availability");
        }
    }

    private static StockReservations.Reservation visible(StockReservations.Reservation reservation, CallerIdentity caller) {
        boolean visible = caller.isHq() || caller.hasRole("shop-backend") || caller.subject().equals(reservation.holder())
                || ((caller.hasRole("pos") || caller.hasRole("store-staff")) && caller.actsForStore(reservation.location()));
        if (!visible) {
            throw new ResourceNotFoundException("reservation", reservation.id());
        }
        return reservation;
    }

    private Location location(String code) {
        return jdbc.sql("SELECT * FROM location WHERE code = :c").param("c", code).query(StockController::location).single();
    }

    private static Location location(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Location(rs.getString("code"), rs.getString("name"), Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("latitude"),
                rs.getBigDecimal("longitude"), rs.getBoolean("pickup_enabled"), rs.getLong("online_buffer"), rs.getLong("pickup_buffer"));
    }
}
