package org.liangze.support;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.liangze.organisation.Groups;
import org.liangze.selfcheck.SelfCheckCampaigns;
import org.springframework.stereotype.Component;

/**
 * A quarterly self-check campaign started as the tests' supervisor does it (jiwei of the discipline commission), and
 * its jobs run by the test, for tests that keep the job executor off.
 */
@Component
public class CampaignRun {

  private final SelfCheckCampaigns campaigns;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final ManagementService management;

  CampaignRun(SelfCheckCampaigns campaigns, IdentityService identity, RuntimeService runtime,
      ManagementService management) {
    this.campaigns = campaigns;
    this.identity = identity;
    this.runtime = runtime;
    this.management = management;
  }

  /** Starts the quarter's campaign as jiwei; its process instance id. */
  public String start(String quarter) {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      campaigns.start(quarter);
    } finally {
      identity.clearAuthentication();
    }
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey("selfcheck-" + quarter).singleResult()
        .getId();
  }

  /** Runs the campaign's jobs until none is left (the batches' body, then one per batch); how many ran. */
  public int runJobs(String campaign) {
    int run = 0;
    for (List<Job> jobs = jobs(campaign); !jobs.isEmpty(); jobs = jobs(campaign)) {
      for (Job job : jobs) {
        management.executeJob(job.getId());
        run++;
      }
    }
    return run;
  }

  private List<Job> jobs(String campaign) {
    return management.createJobQuery().processInstanceId(campaign).executable().list();
  }
}
