package dev.santong.goods.stock;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.AccessDeniedException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import jakarta.validation.constraints.Pattern;

@RestController
@Tag(name = "Stock", description = "Levels that are the sum of their movements, per SKU and location")
@RequestMapping("/api/goods/transfers")
class TransferController {

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"sku": "OX-BLU-M", "from": "WH-SH", "to": "9", "quantity": 6, "reference": "TR-20261118-1"}""")
    record SendRequest(@NotBlank @Size(max = 64) String sku, @NotBlank @Size(max = 32) String from, @NotBlank @Size(max = 32) String to,
            @NotNull @Min(1) @Max(1_000_000) Long quantity, @NotBlank @Size(max = 100) String reference) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"quantityReceived": 5, "note": "one carton crushed"}""")
    record Receipt(@NotNull @Min(0) Long quantityReceived, @Size(max = 500) String note) {
    }

    private final Transfers transfers;

    TransferController(Transfers transfers) {
        this.transfers = transfers;
    }

    /** The sending location (or HQ) ships. */
    @Answers.Created
    @Operation(operationId = "sendTransfer", summary = "Send stock from one location to another; it is in transit until received")
    @PostMapping
    ResponseEntity<Transfers.Transfer> send(@Valid @RequestBody SendRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        StockAccess.requireLocationManager(caller, request.from());
        Transfers.Transfer sent = transfers.send(request.sku(), request.from(), request.to(), request.quantity(), request.reference(),
                caller.subject());
        return ResponseEntity.created(URI.create("/api/goods/transfers/" + sent.id())).body(sent);
    }

    /** The receiving location (or HQ) counts what arrived. */
    @Operation(operationId = "receiveTransfer",
            summary = "Receive a transfer with what actually arrived; a difference to what was sent is kept for HQ")
    @PostMapping("/{id}/receipt")
    Transfers.Transfer receive(@PathVariable String id, @Valid @RequestBody Receipt receipt, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        StockAccess.requireLocationManager(caller, transfers.find(id).to());
        return transfers.receive(id, receipt.quantityReceived(), receipt.note(), caller.subject());
    }

    @Operation(operationId = "getTransfer", summary = "A transfer, for the locations it is between and HQ")
    @GetMapping("/{id}")
    Transfers.Transfer one(@PathVariable String id, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        StockAccess.requireStaffOrHq(caller);
        Transfers.Transfer transfer = transfers.find(id);
        // Another store's transfer is not found: its existence is not another store's business either.
        if (!caller.isHq() && !caller.isSyncRelay() && !caller.actsForStore(transfer.from()) && !caller.actsForStore(transfer.to())) {
            throw new ResourceNotFoundException("transfer", id);
        }
        return transfer;
    }

    @Operation(operationId = "listTransfers", summary = "Transfers from or to a location, by state (the location's store, or HQ)")
    @GetMapping
    @BareInVersion1
    Page<Transfers.Transfer> ofLocation(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String location,
            @RequestParam(required = false) Transfers.Status status, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        StockAccess.requireStaffOrHq(caller);
        if (!caller.isHq() && !caller.isSyncRelay() && !caller.actsForStore(location)) {
            throw new AccessDeniedException("a store lists its own location's transfers");
        }
        return transfers.of(location, status, cursor, limit);
    }
}
