package dev.santong.member.points;

/** A member's purchases changed (an earn, a return): tiers re-qualify on it, inside the same transaction. */
public record PurchaseRecorded(String memberId) {
}
