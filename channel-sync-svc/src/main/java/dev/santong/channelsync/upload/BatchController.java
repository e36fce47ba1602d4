package dev.santong.channelsync.upload;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

@RestController
@RequestMapping("/api/sync/stores/{storeId}/batches")
class BatchController {

    private final BatchUpload upload;

    BatchController(BatchUpload upload) {
        this.upload = upload;
    }

    /**
     * 202 once the batch is stored; the Location says where to follow it. The body is read as text so that the batch
     * is kept exactly as the store sent it.
     */
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

    @GetMapping("/{batchId}")
    BatchView read(@PathVariable String storeId, @PathVariable String batchId, Authentication authentication) {
        return upload.read(storeId, batchId, CallerIdentity.of(authentication));
    }
}
