package dev.santong.aftersales.cases;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.Page;
import dev.santong.platform.kit.web.BareInVersion1;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Cases", description = "Returns, exchanges, repairs, claims and complaints from any channel, through their states")
@Validated
@RequestMapping("/api/aftersales/cases")
class CaseController {

    /**
     * A step of the case's state machine.
     *
     * @param note         why, for the history (a refusal's reason, what the inspection found)
     * @param locationId   RECEIVE_ITEM: where the goods arrive (a store its own; HQ any location); the case's store, or
     *                     for a case opened online the returns location, when left out
     * @param dispositions INSPECT: per case line (from 1), RESTOCK, DAMAGED or PROCESSING_REQUIRED (the default)
     * @param refundAmount REFUND: only for a purchase whose lines were never recorded; otherwise it is what was paid
     * @param replacements EXCHANGE: the SKU each line is exchanged for, priced now in the case's channel
     */
    @Schema(example = """
            {"action": "APPROVE", "note": "Unworn, tags on: return accepted."}""")
    record StepRequest(@NotNull CaseLifecycle.Action action, @Size(max = 500) String note,
            @Size(max = 32) @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]+") String locationId,
            @Size(max = 50) List<@Valid @NotNull Disposition> dispositions,
            @jakarta.validation.constraints.DecimalMin("0.01") @jakarta.validation.constraints.Digits(integer = 12, fraction = 2)
            java.math.BigDecimal refundAmount,
            @Size(max = 50) List<@Valid @NotNull Replacement> replacements) {
    }

    /** EXCHANGE: the SKU case line {@code line} (from 1) is exchanged for; lines not named keep their SKU. */
    record Replacement(@NotNull @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(50) Integer line,
            @jakarta.validation.constraints.NotBlank @Size(max = 64) String skuCode) {
    }

    record Disposition(@NotNull @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(50) Integer line,
            @NotNull CaseEffects.Disposition disposition) {
    }

    private final CaseOpening opening;
    private final CaseTransitions transitions;
    private final CaseAttachments attachments;
    private final CaseLists lists;

    CaseController(CaseOpening opening, CaseTransitions transitions, CaseAttachments attachments, CaseLists lists) {
        this.opening = opening;
        this.lists = lists;
        this.transitions = transitions;
        this.attachments = attachments;
    }

    /** The case's version as an entity tag, for If-Match. */
    static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** 201 with the new case; a retry with the same Idempotency-Key gets the same answer, marked Idempotent-Replayed. */
    @Answers.Created
    @Operation(operationId = "openCase",
            summary = "Opens a case for a purchase from any channel, checked against the purchase and its terms",
            description = "400 naming the field for a purchase that is not found (or not the shopper's), goods not in it or more than "
                    + "bought; 409 already-taken-back when other cases take the goods back, 409 not-eligible with the rule, dates and figures.")
    @PostMapping
    ResponseEntity<CaseView> open(@Valid @RequestBody OpenCaseRequest request, Authentication authentication) {
        CaseView opened = opening.open(request, CallerIdentity.of(authentication));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/aftersales/cases/" + opened.id()))
                .eTag(etag(opened.version())).body(opened);
    }

    @Operation(operationId = "listCases",
            summary = "Cases newest first, a page at a time: a shopper's own, a store's own, any store's for HQ",
            description = "Filters by status, type, store (HQ) and the time opened [openedFrom, openedBefore). Pass the page's next as cursor.")
    @GetMapping
    Page<CaseLists.Summary> list(@RequestParam(required = false) CaseLifecycle.State status, @RequestParam(required = false) CaseType type,
            @RequestParam(required = false) @Size(max = 32) String storeId,
            @Parameter(description = "The member's cases only (a store still sees only the cases opened at it)")
            @RequestParam(required = false) @Size(max = 36) String memberId, @RequestParam(required = false) Instant openedFrom,
            @RequestParam(required = false) Instant openedBefore, @RequestParam(required = false) @Size(max = 512) String cursor,
            @Parameter(deprecated = true, description = "The name cursor had before every list used it; use cursor")
            @RequestParam(required = false) @Size(max = 512) String after,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, Authentication authentication) {
        return lists.list(new CaseLists.Filter(status, type, storeId, memberId, openedFrom, openedBefore), cursor != null ? cursor : after, limit,
                CallerIdentity.of(authentication));
    }

    @Operation(operationId = "getCase",
            summary = "One case with its lines, terms, effects and refund, for whoever may see it (404 otherwise)")
    @GetMapping("/{caseId}")
    ResponseEntity<CaseView> read(@PathVariable @Size(max = 36) String caseId, Authentication authentication) {
        CaseView found = opening.readAs(caseId, CallerIdentity.of(authentication));
        return ResponseEntity.ok().eTag(etag(found.version())).body(found);
    }

    @Operation(operationId = "takeCaseStep",
            summary = "Takes one step of the case's state machine on the version read (If-Match: its ETag)",
            description = "409 when the case's state does not allow the step (the problem names the state and the steps it allows), "
                    + "412 when the case changed since it was read, 428 without If-Match, 403 when the caller may not take the step.")
    @PostMapping("/{caseId}/steps")
    ResponseEntity<CaseView> step(@PathVariable @Size(max = 36) String caseId, @Valid @RequestBody StepRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication authentication) {
        CaseTransitions.Details details = new CaseTransitions.Details(request.locationId(),
                request.dispositions() == null ? List.of()
                        : request.dispositions().stream().map(d -> new CaseTransitions.LineDisposition(d.line(), d.disposition())).toList(),
                request.refundAmount(), request.replacements() == null ? List.of()
                        : request.replacements().stream().map(r -> new CaseTransitions.LineReplacement(r.line(), r.skuCode())).toList());
        CaseView moved = transitions.take(caseId, request.action(), request.note(), details, version(ifMatch), CallerIdentity.of(authentication));
        return ResponseEntity.ok().eTag(etag(moved.version())).body(moved);
    }

    @Operation(operationId = "listAllowedCaseSteps",
            summary = "The steps the case's state allows now that the caller may take, each with the state it leads to")
    @GetMapping("/{caseId}/allowed-steps")
    Page<CaseTransitions.AllowedStep> allowedSteps(@PathVariable @Size(max = 36) String caseId, Authentication authentication) {
        return Page.all(transitions.allowedSteps(caseId, CallerIdentity.of(authentication)));
    }

    @Operation(operationId = "getCaseHistory", summary = "Every step of the case with who took it and when")
    @GetMapping("/{caseId}/history")
    @BareInVersion1
    Page<CaseTransitions.Event> history(@PathVariable @Size(max = 36) String caseId, Authentication authentication) {
        return Page.all(transitions.history(caseId, CallerIdentity.of(authentication)));
    }

    @Answers.Created
    @Operation(operationId = "attachToCase",
            summary = "Attaches proof to the case: the request body is the file (JPEG, PNG, WebP or PDF, up to 10 MB)",
            description = "The type is read from the bytes, not from Content-Type. At most 10 attachments per case; 409 beyond.")
    @PostMapping(path = "/{caseId}/attachments", consumes = MediaType.ALL_VALUE)
    ResponseEntity<CaseAttachments.Attachment> attach(@PathVariable @Size(max = 36) String caseId, @RequestParam String name, HttpServletRequest request,
            Authentication authentication) throws java.io.IOException {
        CaseAttachments.Attachment added = attachments.add(caseId, name, request.getInputStream(), CallerIdentity.of(authentication));
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/aftersales/cases/" + caseId + "/attachments/" + added.id())).body(added);
    }

    @Operation(operationId = "listCaseAttachments", summary = "The case's attachments: name, type, size and SHA-256")
    @GetMapping("/{caseId}/attachments")
    @BareInVersion1
    Page<CaseAttachments.Attachment> attachments(@PathVariable @Size(max = 36) String caseId, Authentication authentication) {
        return Page.all(attachments.of(caseId, CallerIdentity.of(authentication)));
    }

    @Operation(operationId = "downloadCaseAttachment", summary = "One attachment's bytes, as a download")
    @GetMapping("/{caseId}/attachments/{attachmentId}")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The bytes as uploaded, as a download",
            content = {@io.swagger.v3.oas.annotations.media.Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")),
                    @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))})
    ResponseEntity<InputStreamResource> attachment(@PathVariable @Size(max = 36) String caseId, @PathVariable @Size(max = 36) String attachmentId,
            Authentication authentication) {
        CaseAttachments.Content content = attachments.read(caseId, attachmentId, CallerIdentity.of(authentication));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.attachment().contentType()))
                .contentLength(content.attachment().sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(content.attachment().name(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(content.bytes()));
    }

    /** {@code "3"} or {@code W/"3"} → 3; anything else names no version of ours, so it cannot match (412). */
    private static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Integer.parseInt(tag.replace("\"", ""));
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }
}
