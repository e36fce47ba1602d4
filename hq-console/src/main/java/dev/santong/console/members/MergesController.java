package dev.santong.console.members;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.console.web.Access;
import dev.santong.console.web.CsvExport;
import dev.santong.console.web.CsvExport.Column;
import dev.santong.console.web.Services;
import dev.santong.console.web.Services.Service;

/**
 * One person, one member: the queue of pairs that may be one person (with the evidence), a preview of what merging
 * would move and what blocks it, the merge itself, dismissing a pair as two people, and undoing a merge. HQ reads;
 * HQ admin acts, each action with a reason and a confirmation.
 */
@Controller
@RequestMapping("/merges")
class MergesController {

    private static final String MEMBER_ID = MembersController.MEMBER_ID;

    private final Services services;
    private final CsvExport csv;

    MergesController(Services services, CsvExport csv) {
        this.services = services;
        this.csv = csv;
    }

    /** The duplicate-candidate queue (HQ): the frame; its rows load from {@code /candidates/rows}. */
    @GetMapping("/candidates")
    String candidates(Authentication authentication) {
        Access.requireHq(authentication);
        return "members/candidates";
    }

    /** Open pairs, the first detected first; with a cursor, the next rows only. */
    @GetMapping("/candidates/rows")
    String candidateRows(@RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("page", services.get(Service.MEMBERS,
                Services.path("/api/members/duplicate-candidates", Services.query("limit", 20, "cursor", cursor))));
        return cursor == null ? "members/merges :: candidates" : "members/merges :: candidate-rows";
    }

    @GetMapping("/candidates/export.csv")
    void exportCandidates(Authentication authentication, HttpServletResponse response) throws IOException {
        Access.requireHq(authentication);
        csv.write(response, "duplicate-candidates", List.of(new Column("candidate.detectedAt", "/detectedAt"), new Column("candidate.member", "/memberId"),
                new Column("candidate.other", "/otherMemberId"), new Column("member.identity", "/identityType"), new Column("member.value", "/identityValue"),
                new Column("candidate.channel", "/channel"), new Column("store", "/storeId")), Service.MEMBERS,
                cursor -> Services.path("/api/members/duplicate-candidates", Services.query("limit", 1000, "cursor", cursor)));
    }

    /** Records that a pair are two people (HQ admin); the row then says so. */
    @PostMapping("/candidates/{candidateId}/dismissal")
    String dismiss(@PathVariable long candidateId, @RequestParam @NotBlank @Size(max = 500) String reason, Authentication authentication,
            Model model) {
        Access.requireHq(authentication);
        model.addAttribute("candidate", services.post(Service.MEMBERS,
                Services.path("/api/members/duplicate-candidates/{id}/dismissal", Map.of(), candidateId), Map.of("reason", reason.strip())));
        return "members/merges :: dismissed";
    }

    /** What merging {@code merged} into {@code survivor} would move, and what would block it; HQ admin then merges from here. */
    @GetMapping("/preview")
    String preview(@RequestParam @Pattern(regexp = MEMBER_ID) String survivor, @RequestParam @Pattern(regexp = MEMBER_ID) String merged,
            Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("preview", services.get(Service.MEMBERS,
                Services.path("/api/members/{id}/merge-preview", Map.of("mergedMemberId", merged), survivor)));
        return "members/merges :: preview";
    }

    /** Merges one member into the other (HQ admin) and shows the merge, with the way to undo it. */
    @PostMapping
    String merge(@RequestParam @Pattern(regexp = MEMBER_ID) String survivor, @RequestParam @Pattern(regexp = MEMBER_ID) String merged,
            @RequestParam @NotBlank @Size(max = 500) String reason, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("merge", services.post(Service.MEMBERS, Services.path("/api/members/{id}/merges", Map.of(), survivor),
                Map.of("mergedMemberId", merged, "reason", reason.strip())));
        return "members/merges :: merge";
    }

    /** The merges a member took part in (HQ), each with its undo for HQ admin. */
    @GetMapping("/of/{memberId}")
    String ofMember(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("merges", services.get(Service.MEMBERS, Services.path("/api/members/{id}/merges", Map.of(), memberId)).path("items"));
        return "members/merges :: of-member";
    }

    /** Restores both members as they were (HQ admin); the merge then shows as undone. */
    @PostMapping("/{mergeId}/unmerge")
    String unmerge(@PathVariable long mergeId, @RequestParam @NotBlank @Size(max = 500) String reason, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("merge", services.post(Service.MEMBERS, Services.path("/api/members/merges/{id}/unmerge", Map.of(), mergeId),
                Map.of("reason", reason.strip())));
        return "members/merges :: merge";
    }
}
