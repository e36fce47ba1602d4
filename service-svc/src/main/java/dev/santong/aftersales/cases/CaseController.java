package dev.santong.aftersales.cases;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;

@RestController
@RequestMapping("/api/aftersales/cases")
class CaseController {

    private final CaseOpening opening;

    CaseController(CaseOpening opening) {
        this.opening = opening;
    }

    /** 201 with the new case; a retry with the same Idempotency-Key gets the same answer, marked Idempotent-Replayed. */
    @PostMapping
    ResponseEntity<CaseView> open(@Valid @RequestBody OpenCaseRequest request, Authentication authentication) {
        CaseView opened = opening.open(request, CallerIdentity.of(authentication));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/aftersales/cases/" + opened.id())).body(opened);
    }

    @GetMapping("/{caseId}")
    CaseView read(@PathVariable String caseId, Authentication authentication) {
        return opening.readAs(caseId, CallerIdentity.of(authentication));
    }
}
