package dev.santong.member.segment;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.MemberAccess;
import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.member.member.MemberAudit;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Segments and tags", description = "Groups of members by rule, and tags HQ sets by hand")
@RequestMapping("/api/members")
class SegmentController {

    @Schema(example = """
            {"name": "omnichannel-vip", "description": "VIPs seen online and in store in the last 90 days", "rule": {"seenInChannelsAll": ["ONLINE", "STORE"], "activeWithinDays": 90, "tagsAll": ["VIP"], "consentsGiven": ["MARKETING_SMS"]}}""")
    record SegmentDefinition(@NotBlank @Size(max = 80) String name, @Size(max = 500) String description, @NotNull @Valid SegmentRule rule) {
    }

    @Schema(example = """
            {"description": "VIPs seen online and in store in the last 180 days", "rule": {"seenInChannelsAll": ["ONLINE", "STORE"], "activeWithinDays": 180, "tagsAll": ["VIP"]}}""")
    record SegmentChange(@Size(max = 500) String description, @NotNull @Valid SegmentRule rule) {
    }

    @Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "segments": ["omnichannel-vip"]}""")
    record Membership(String memberId, List<String> segments) {
    }

    private final Segments segments;
    private final Tags tags;
    private final MemberAccess access;
    private final MemberAudit audit;

    SegmentController(Segments segments, Tags tags, MemberAccess access, MemberAudit audit) {
        this.segments = segments;
        this.tags = tags;
        this.access = access;
        this.audit = audit;
    }

    @Answers.Created
    @Operation(operationId = "createSegment", summary = "Define a segment by its rule (HQ admin)")
    @PostMapping("/segments")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<Segments.Segment> create(@Valid @RequestBody SegmentDefinition definition, Authentication authentication) {
        Segments.Segment created = segments.create(definition.name(), definition.description(), definition.rule(),
                CallerIdentity.of(authentication).subject());
        return ResponseEntity.created(URI.create("/api/members/segments/" + created.id())).body(created);
    }

    @Operation(operationId = "updateSegment", summary = "Change a segment's rule (HQ admin)")
    @PutMapping("/segments/{segmentId}")
    @PreAuthorize("hasRole('hq-admin')")
    Segments.Segment update(@PathVariable long segmentId, @Valid @RequestBody SegmentChange change) {
        return segments.update(segmentId, change.description(), change.rule());
    }

    @Operation(operationId = "listSegments", summary = "Every segment (HQ)")
    @GetMapping("/segments")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<Segments.Segment> all() {
        return Page.all(segments.all());
    }

    @Operation(operationId = "getSegment", summary = "A segment with its rule (HQ)")
    @GetMapping("/segments/{segmentId}")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    Segments.Segment one(@PathVariable long segmentId) {
        return segments.find(segmentId);
    }

    /** What the shop personalises on: the shopper's own segments. */
    @Operation(operationId = "listMySegments", summary = "The signed-in shopper's own segments, for the shop to personalise on")
    @GetMapping("/me/segments")
    Membership mine(Authentication authentication) {
        return membership(access.own(CallerIdentity.of(authentication)));
    }

    @Operation(operationId = "listMemberSegments", summary = "The segments a member is in")
    @GetMapping("/{memberId}/segments")
    Membership ofMember(@PathVariable String memberId, Authentication authentication) {
        return membership(access.check(memberId, CallerIdentity.of(authentication), Intent.READ));
    }

    @Operation(operationId = "listMemberTags", summary = "The tags set on a member")
    @GetMapping("/{memberId}/tags")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    @Answers.Example("""
            {"items": ["VIP", "WHOLESALE"]}""")
    Page<String> tagsOf(@PathVariable String memberId, Authentication authentication) {
        return Page.all(List.copyOf(tags.of(access.check(memberId, CallerIdentity.of(authentication), Intent.READ).id())));
    }

    @Operation(operationId = "tagMember", summary = "Set a tag on a member")
    @PutMapping("/{memberId}/tags/{tag}")
    @PreAuthorize("hasRole('hq-admin')")
    @Answers.Example("""
            ["VIP", "WHOLESALE"]""")
    Set<String> tag(@PathVariable String memberId, @PathVariable String tag, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberRow member = access.check(memberId, caller, Intent.WRITE);
        String normalised = Tags.normalise(tag);
        tags.tag(member.id(), memberId, normalised, caller.subject());
        audit.record(member.id(), null, "TAGGED", caller, normalised);
        return tags.of(member.id());
    }

    @Operation(operationId = "untagMember", summary = "Remove a tag from a member")
    @DeleteMapping("/{memberId}/tags/{tag}")
    @PreAuthorize("hasRole('hq-admin')")
    @Answers.Example("""
            ["WHOLESALE"]""")
    Set<String> untag(@PathVariable String memberId, @PathVariable String tag, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberRow member = access.check(memberId, caller, Intent.WRITE);
        String normalised = Tags.normalise(tag);
        tags.untag(member.id(), normalised);
        audit.record(member.id(), null, "UNTAGGED", caller, normalised);
        return tags.of(member.id());
    }

    private Membership membership(MemberRow member) {
        return new Membership(member.id(), segments.of(member).stream().map(Segments.Segment::name).toList());
    }
}
