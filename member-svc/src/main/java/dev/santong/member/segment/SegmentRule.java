package dev.santong.member.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import dev.santong.member.member.Channel;
import dev.santong.member.privacy.ConsentPurpose;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A segment's rule: every condition given must hold; an empty rule matches every active member.
 *
 * @param enrolledChannelsAny the member enrolled in one of these channels
 * @param seenInChannelsAll   the channel mix: the member was recognised (enrolled, identified, looked up) or bought in all of these
 * @param activeWithinDays    recency: recognised or bought in any channel within this many days
 * @param tagsAll             has every one of these tags
 * @param tagsAny             has at least one of these tags
 * @param consentsGiven       has these consents in force (in some channel scope): only consenting members are targeted
 */
@Schema(example = """
        {"seenInChannelsAll": ["ONLINE", "STORE"], "activeWithinDays": 90, "tagsAny": ["vip"], "consentsGiven": ["PERSONALISED_OFFERS"]}""")
record SegmentRule(
        @Size(max = 4) Set<Channel> enrolledChannelsAny,
        @Size(max = 4) Set<Channel> seenInChannelsAll,
        @Min(1) @Max(3650) Integer activeWithinDays,
        @Size(max = 20) Set<String> tagsAll,
        @Size(max = 20) Set<String> tagsAny,
        @Size(max = 4) Set<ConsentPurpose> consentsGiven) {

    /** What the rule is evaluated against, gathered once per member. */
    public record Facts(Channel enrolledChannel, Set<Channel> seenIn, Instant lastSeen, Set<String> tags,
            Set<ConsentPurpose> consentsGiven) {
    }

    public boolean matches(Facts facts, Instant now) {
        return (empty(enrolledChannelsAny) || enrolledChannelsAny.contains(facts.enrolledChannel()))
                && (empty(seenInChannelsAll) || facts.seenIn().containsAll(seenInChannelsAll))
                && (activeWithinDays == null || !facts.lastSeen().isBefore(now.minus(Duration.ofDays(activeWithinDays))))
                && (empty(tagsAll) || facts.tags().containsAll(tagsAll))
                && (empty(tagsAny) || tagsAny.stream().anyMatch(facts.tags()::contains))
                && (empty(consentsGiven) || facts.consentsGiven().containsAll(consentsGiven));
    }

    private static boolean empty(Set<?> set) {
        return set == null || set.isEmpty();
    }
}
