package dev.santong.platform.kit.privacy;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.santong.platform.kit.problem.InvalidRequestException;

/**
 * What member-svc's erasure relay sends every service's {@code POST /internal/members/{id}/erasure} (docs/privacy.md):
 * the member and those merged into it, and SHA-256 digests (lower-case hex) of every value erased, never the values.
 */
public record ErasureNotice(@NotNull @Size(max = 100) List<String> memberIds, @NotNull @Size(max = 2000) List<String> digests) {

    /** A member id as the path and the notice carry it. */
    public static final String MEMBER_ID = "[A-Za-z0-9-]{1,36}";

    /** Element by element, so a refusal names the element ({@code digests[3]}). */
    public void check() {
        InvalidRequestException.requireEach("memberIds", memberIds, MEMBER_ID, "must be a member id");
        InvalidRequestException.requireEach("digests", digests, "[0-9a-f]{64}", "must be a SHA-256 digest in lower-case hex");
    }
}
