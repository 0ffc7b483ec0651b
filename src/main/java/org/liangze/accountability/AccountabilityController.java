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
  private final Officials officials;

  AccountabilityController(AccountabilityCases cases, Officials officials) {
    this.cases = cases;
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

  @GetMapping("/public-notifications")
  List<PublicNotification> publicNotifications() {
    return cases.published();
  }
}
