package dev.santong.channelsync.upload;

import java.net.URI;

import java.time.ZoneId;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Store uploads", description = "What a store's tills send: transactions applied exactly once, also after days offline")
@RequestMapping("/api/sync/stores/{storeId}/batches")
class BatchController {

    private final BatchUpload upload;
    private final ZoneId defaultZone;

    BatchController(BatchUpload upload, @Value("${santong.sync.default-store-zone:Asia/Shanghai}") String defaultZone) {
        this.upload = upload;
        this.defaultZone = ZoneId.of(defaultZone);
    }

    /**
     * 202 once the batch is stored; the Location says where to follow it. The body is read as text so that the batch
     * is kept exactly as the store sent it.
     */
    @Operation(operationId = "uploadStoreBatch",
            summary = "Upload a batch of a store's transactions (JSON, or ARTS POSLog XML); stored at once, applied exactly once")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchView> upload(@PathVariable String storeId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = UploadBatchRequest.class)))
            @RequestBody String body, Authentication authentication) {
        BatchUpload.Received received = upload.receive(storeId, body, CallerIdentity.of(authentication));
        return ResponseEntity.accepted()
                .location(URI.create("/api/sync/stores/" + storeId + "/batches/" + received.batch().id()))
                .header("Idempotent-Replayed", Boolean.toString(received.replayed()))
                .body(received.batch());
    }

    /**
     * The same upload as ARTS/IXRetail POSLog XML. POSLog times carry no offset: {@code zone} is the store's time zone
     * (default from configuration). {@code Batch-Id} names the upload; without it the document's hash does.
     */
    @Operation(operationId = "uploadStoreBatch",
            summary = "Upload a batch of a store's transactions (JSON, or ARTS POSLog XML); stored at once, applied exactly once")
    @PostMapping(consumes = { MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE })
    ResponseEntity<BatchView> uploadPosLog(@PathVariable String storeId, @RequestBody String body,
            @RequestParam(required = false) String zone, @RequestHeader(name = "Batch-Id", required = false) String batchId,
            @RequestHeader(name = "Pos-Installation-Id", required = false) @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String installation,
            Authentication authentication) {
        ZoneId storeZone;
        try {
            storeZone = zone == null ? defaultZone : ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new InvalidRequestException("zone", "is not a time zone id such as Asia/Shanghai");
        }
        BatchUpload.Received received = upload.receivePosLog(storeId, body, batchId, installation, storeZone, CallerIdentity.of(authentication));
        return ResponseEntity.accepted()
                .location(URI.create("/api/sync/stores/" + storeId + "/batches/" + received.batch().id()))
                .header("Idempotent-Replayed", Boolean.toString(received.replayed()))
                .body(received.batch());
    }

    @Operation(operationId = "getStoreBatch",
            summary = "An uploaded batch and how far each of its transactions got (the store's own, or HQ)")
    @GetMapping("/{batchId}")
    BatchView read(@PathVariable String storeId, @PathVariable String batchId, Authentication authentication) {
        return upload.read(storeId, batchId, CallerIdentity.of(authentication));
    }
}
