package org.liangze.accountability;

import java.net.URI;
import java.util.List;
import org.liangze.organisation.Officials;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accountability over HTTP. Opening a case runs as the caller in the engine, so only those Camunda lets start it
 * (the discipline commission) can; published notifications are for every logged-in user.
 */
@RestController
@RequestMapping("/api")
class AccountabilityController {

  private final AccountabilityCases cases;
  private final CaseDecisions decisions;
  private final PublicNotices notices;
  private final Officials officials;

  AccountabilityController(AccountabilityCases cases, CaseDecisions decisions, PublicNotices notices,
      Officials officials) {
    this.cases = cases;
    this.notices = notices;
    this.decisions = decisions;
    this.officials = officials;
  }

  record StartRequest(String unitCode, String cause, String source) {
  }

  @PostMapping("/accountability-cases")
  ResponseEntity<AccountabilityCases.Started> start(@RequestBody StartRequest request) {
    AccountabilityCases.Started started = cases.start(request.unitCode(), request.cause(), request.source());
    return ResponseEntity.created(URI.create("/api/accountability-cases/" + started.caseId())).body(started);
  }

  @GetMapping("/accountability-cases/{id}")
  AccountabilityCases.CaseView view(@PathVariable long id) {
    return cases.view(officials.current(), id);
  }

  /** The case's written decision (问责决定书), for district supervisors and the unit's people. */
  @GetMapping("/accountability-cases/{id}/decision.pdf")
  ResponseEntity<byte[]> decision(@PathVariable long id) {
    CaseDecisions.Document document = decisions.document(officials.current(), id);
    return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
            org.springframework.http.ContentDisposition.attachment()
                .filename(CaseDecisions.TITLE + "-" + document.number() + ".pdf", java.nio.charset.StandardCharsets.UTF_8)
                .build().toString())
        .body(document.content());
  }

  @GetMapping("/public-notifications")
  List<PublicNotification> publicNotifications() {
    return notices.published();
  }
}
