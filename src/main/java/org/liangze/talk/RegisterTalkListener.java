package org.liangze.talk;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.Spin;
import org.liangze.organisation.UnitPeople;
import org.liangze.talk.TalkProcess.Variables;
import org.springframework.stereotype.Component;

/** Start event listener: checks what the talk is about and opens its row, however the talk was started. */
@Component("registerTalk")
class RegisterTalkListener implements ExecutionListener {

  private final Talks talks;
  private final UnitPeople people;

  RegisterTalkListener(Talks talks, UnitPeople people) {
    this.talks = talks;
    this.people = people;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Talks.Registered registered = talks.register(execution.getVariable(Variables.UNIT_CODE),
        execution.getVariable(Variables.KIND), execution.getVariable(Variables.SUBJECT_USER_ID),
        execution.getVariable(Variables.CAUSE), execution.getVariable(Variables.SUMMONS_REQUEST_ID),
        execution.getProcessInstanceId(), currentUser(execution));
    execution.setVariable(Variables.TALK_ID, registered.talkId());
    execution.setVariable(Variables.UNIT_CODE, registered.unit().code());
    execution.setVariable(Variables.UNIT_NAME, registered.unit().name());
    execution.setVariable(Variables.KIND, registered.kind().name());
    execution.setVariable(Variables.KIND_LABEL, registered.kind().label());
    execution.setVariable(Variables.UNIT_PEOPLE, Spin.JSON(people.of(registered.unit().code()).stream()
        .map(member -> Map.of("label", member.label(), "value", member.userId())).toList()));
    // a start from Tasklist's form has no business key; every talk is found by its row
    execution.setProcessBusinessKey(TalkProcess.businessKey(registered.talkId()));
  }

  static String currentUser(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }
}
