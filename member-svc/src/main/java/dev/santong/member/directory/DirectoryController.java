package dev.santong.member.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/members")
@Tag(name = "Members", description = "One member across every channel: enrolment, identities, look-up, profile")
class DirectoryController {

    private final MemberDirectory directory;

    DirectoryController(MemberDirectory directory) {
        this.directory = directory;
    }

    @Operation(operationId = "searchMembers", summary = "Active members, newest first, by name, phone digits, tier, segment and store (HQ)",
            description = "Phones are masked; a member's own page shows more to those who may see it. With tier or segment a page may hold "
                    + "fewer members than the limit; only a missing next means the last page.")
    @GetMapping
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    Page<MemberDirectory.Listed> search(
            @Parameter(description = "Part of the display name") @RequestParam(required = false) @Size(min = 1, max = 100) String name,
            @Parameter(description = "The last four digits of a phone")
            @RequestParam(required = false) @Pattern(regexp = "\\d{4}") String phoneSuffix,
            @RequestParam(required = false) @Pattern(regexp = "[A-Z0-9_]{1,24}") String tier,
            @Parameter(description = "A segment's id") @RequestParam(required = false) @Min(1) Long segment,
            @Parameter(description = "The store that enrolled the member") @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}")
            String store,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "The next of the page before") @RequestParam(required = false) @Size(max = 512) String cursor) {
        return directory.find(new MemberDirectory.Query(name, phoneSuffix, tier, segment, store), cursor, limit);
    }
}
