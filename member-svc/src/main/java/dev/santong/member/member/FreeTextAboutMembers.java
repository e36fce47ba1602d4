package dev.santong.member.member;

import java.util.Collection;

/**
 * Free text staff typed about members (reasons, notes) that may quote a phone number or a name. On erasure every module
 * holding such text cuts the member's values out of its own rows; the erasure does not need to know where they are.
 */
public interface FreeTextAboutMembers {

    /** Replaces each of {@code values} with {@code replacement} in the text of rows about any of {@code memberIds}. */
    void scrub(Collection<String> memberIds, Collection<String> values, String replacement);
}
