package dev.santong.platform.kit.privacy;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.santong.platform.kit.problem.InvalidRequestException;

/**
 * What member-svc's erasure relay sends every service's {@code POST /internal/members/{id}/erasure} (docs/privacy.md):
 * the member and those merged into it, and SHA-256 digests (lower-case hex) of every value erased, never the values.
 */
@Schema(example = """
        {"memberIds": ["3f6c2a9e-7d41-4c1b-9a57-2e8b5d0c4f11"],
         "digests": ["5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"]}""")
public record ErasureNotice(@NotNull @Size(max = 100) List<String> memberIds, @NotNull @Size(max = 2000) List<String> digests) {

    /** A member id as the path and the notice carry it. */
    public static final String MEMBER_ID = "[A-Za-z0-9-]{1,36}";

    /** Element by element, so a refusal names the element ({@code digests[3]}). */
    public void check() {
        InvalidRequestException.requireEach("memberIds", memberIds, MEMBER_ID, "must be a member id");
        InvalidRequestException.requireEach("digests", digests, "[0-9a-f]{64}", "must be a SHA-256 digest in lower-case hex");
    }
}
