package org.liangze.selfcheck;

import java.net.URI;
import java.util.List;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quarterly self-checks over HTTP. Starting a campaign runs as the caller in the engine, so only those Camunda lets
 * start it (the discipline commission) can; a unit's results are read by its own people and supervisors.
 */
@RestController
@RequestMapping("/api")
class SelfCheckController {

  private final SelfCheckCampaigns campaigns;
  private final SelfCheckService selfChecks;
  private final Officials officials;

  SelfCheckController(SelfCheckCampaigns campaigns, SelfCheckService selfChecks, Officials officials) {
    this.campaigns = campaigns;
    this.selfChecks = selfChecks;
    this.officials = officials;
  }

  record StartRequest(String quarter) {
  }

  @PostMapping("/self-check-campaigns")
  ResponseEntity<SelfCheckCampaigns.Started> start(@RequestBody StartRequest request) {
    SelfCheckCampaigns.Started started = campaigns.start(request.quarter());
    return ResponseEntity.created(URI.create("/api/self-check-campaigns/" + started.quarter())).body(started);
  }

  /**
   * The district's posts see the whole campaign ({@link SelfCheckCampaigns.Progress}); anyone else only their own
   * units' self-checks ({@link SelfCheckCampaigns.UnitProgress}).
   */
  @GetMapping("/self-check-campaigns/{quarter}")
  Object progress(@PathVariable String quarter) {
    Official official = officials.current();
    return official.districtWide() ? campaigns.progress(quarter) : campaigns.unitProgress(quarter, official);
  }

  @GetMapping("/units/{unitCode}/self-checks")
  List<SelfCheck> selfChecks(@PathVariable String unitCode, @RequestParam(required = false) String quarter) {
    return selfChecks.visibleSelfChecks(officials.current(), unitCode, quarter);
  }
}
