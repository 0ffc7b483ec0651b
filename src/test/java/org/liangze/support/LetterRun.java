package org.liangze.support;

import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.liangze.demo.DemoDistrict;
import org.liangze.letter.LetterCampaigns;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Role;
import org.springframework.stereotype.Component;

/**
 * A year's letter campaign as the tests' district committee starts it (quwei), on the demo district's lists, with
 * the job that issues the letters run by the test: for tests that keep the job executor off and need letters to
 * sign. The engine's clock is the caller's.
 */
@Component
public class LetterRun {

  private final DemoDistrict district;
  private final LetterCampaigns campaigns;
  private final IdentityService identity;
  private final ManagementService management;
  private final TaskService tasks;

  LetterRun(DemoDistrict district, LetterCampaigns campaigns, IdentityService identity, ManagementService management,
      TaskService tasks) {
    this.district = district;
    this.campaigns = campaigns;
    this.identity = identity;
    this.management = management;
    this.tasks = tasks;
  }

  /** Publishes the year's lists, starts its campaign as quwei and issues the letters; the campaign's instance id. */
  public String start(int year) throws IOException {
    district.publishLists(year);
    identity.setAuthentication("quwei", List.of(Groups.DISTRICT_COMMITTEE));
    String id;
    try {
      id = campaigns.start(String.valueOf(year)).processInstanceId();
    } finally {
      identity.clearAuthentication();
    }
    management.executeJob(management.createJobQuery().processInstanceId(id).singleResult().getId());
    return id;
  }

  /** The unit's letter to sign in the campaign, offered to its secretaries. */
  public Task signingTask(String campaign, String unit) {
    return tasks.createTaskQuery().processInstanceId(campaign).taskCandidateGroup(Groups.of(Role.SECRETARY, unit))
        .singleResult();
  }
}
