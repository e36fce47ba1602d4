package dev.santong.member.member;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Enrol a member from any channel. A shopper enrols with channel ONLINE (their account comes from the token);
 * a till or store staff with channel STORE and their own store; HQ imports with HQ_IMPORT.
 */
public record EnrolMemberRequest(
        @NotNull(message = "is required (ONLINE, STORE or HQ_IMPORT)") Channel channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "may hold letters, digits, '-' and '_' only") String storeId,
        @Size(max = 32) String phone,
        @Email(message = "is not an e-mail address") @Size(max = 191) String email,
        @Size(max = 100) String displayName) {
}
