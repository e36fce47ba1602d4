package dev.santong.member.member;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Enrol a member from any channel. A shopper enrols with channel ONLINE: their account, and the phone and e-mail
 * their identity provider verified, come from the token. A till or store staff enrols with channel STORE and
 * their own store; HQ imports with HQ_IMPORT.
 */
@Schema(example = """
        {"channel": "STORE", "storeId": "9", "phone": "138 0013 8000", "displayName": "Wei Zhang", "loyaltyCardNumber": "LC-0009-7781"}""")
record EnrolMemberRequest(
        @NotNull(message = "is required (ONLINE, STORE or HQ_IMPORT)") Channel channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "may hold letters, digits, '-' and '_' only") String storeId,
        @Schema(description = "As typed; normalised to E.164 (numbers without a country code are read in the default region)")
        @Size(max = 32) String phone,
        @Email(message = "is not an e-mail address") @Size(max = 191) String email,
        @Size(max = 100) String displayName,
        @Schema(description = "A store loyalty card, as printed") @Size(max = 40) String loyaltyCardNumber,
        @Schema(description = "The member code a POS system uses") @Size(max = 40) String posMemberCode,
        @Size(max = 10) List<@Valid @NotNull ExternalId> externalIds) {

    /** An id the member has on another platform (a marketplace shop, a mini-program), e.g. tmall / 2209876543. */
    public record ExternalId(@NotNull @Size(max = 24) String platform, @NotNull @Size(max = 128) String id) {
    }

    public List<ExternalId> externalIdsOrEmpty() {
        return externalIds == null ? List.of() : externalIds;
    }
}
