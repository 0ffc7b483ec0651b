package org.liangze.demo;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.clue.ClueProcess;
import org.liangze.clue.ClueProcess.Variables;
import org.liangze.clue.Clues;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's problem clue: a complaint registered by the discipline commission and waiting in its Tasklist for
 * triage, so the clue forms have content when the demo starts. Registered once (none when clues exist).
 */
@Component
@Profile("demo")
@Order(IdentitySync.ORDER + 20)
class DemoClues implements ApplicationRunner {

  static final String REGISTRAR = "jiwei";

  private final Clues clues;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final DemoProperties properties;

  DemoClues(Clues clues, RuntimeService runtime, IdentityService identity, DemoProperties properties) {
    this.clues = clues;
    this.runtime = runtime;
    this.identity = identity;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.startCampaigns() || !clues.all().isEmpty()) {
      return;
    }
    identity.setAuthentication(REGISTRAR, List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      runtime.startProcessInstanceByKey(ClueProcess.KEY, Map.of(
          Variables.SOURCE, "COMPLAINT",
          Variables.TITLE, "反映南营村村务公开不及时",
          Variables.CONTENT, "群众来电反映：南营村2026年第三季度的村级财务收支至今未在村务公开栏公布，村民多次询问未获答复。",
          Variables.REPORTER, "南营村村民（来电）"));
    } finally {
      identity.clearAuthentication();
    }
  }
}
