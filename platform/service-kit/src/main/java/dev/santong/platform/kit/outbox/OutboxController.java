package dev.santong.platform.kit.outbox;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** HQ's view of the service's outbox: what has not reached another service yet, and the replay of what was quarantined. */
@RestController
@Tag(name = "Outbox", description = "Effects on other services waiting to be delivered (HQ)")
@RequestMapping("${santong.outbox.path:/api/outbox}")
@Validated
class OutboxController {

    private final Outbox outbox;

    OutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    @Operation(operationId = "listUndeliveredEffects",
            summary = "Effects not delivered to another service yet, oldest first, with attempts and the last failure (HQ)")
    @GetMapping
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<Outbox.Entry> undelivered(@RequestParam(defaultValue = "false") boolean quarantined,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, @RequestParam(required = false) @Size(max = 512) String cursor) {
        return outbox.undelivered(quarantined, cursor, limit);
    }

    @Answers.Accepted
    @Operation(operationId = "replayEffect",
            summary = "Tries a failed delivery again now, however often it failed (HQ, after fixing the cause)")
    @PostMapping("/{id}/replay")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<Void> replay(@PathVariable String id) {
        UUID publication;
        try {
            publication = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw new InvalidRequestException("id", "is not the id of an event in the outbox");
        }
        return switch (outbox.replay(publication)) {
            case REPLAYED -> ResponseEntity.accepted().build();
            case IN_FLIGHT -> throw new ConflictException("outbox-delivery-in-flight", "The delivery is being tried right now");
            case NOT_FOUND -> throw new ResourceNotFoundException("undelivered event", id);
        };
    }
}
