package org.liangze.talk;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.liangze.platform.DelegateInputs;
import org.liangze.talk.TalkProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Tells the unit's secretary and the person talked to when and where the talk is; runs after its own transaction
 * boundary so a failure never undoes the scheduling, and tells nobody twice when retried.
 */
@DelegateInputs({Variables.TALK_ID})
@Component("notifyTalk")
class NotifyTalkDelegate implements JavaDelegate {

  private final Talks talks;

  NotifyTalkDelegate(Talks talks) {
    this.talks = talks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    talks.notifyScheduled(((Number) execution.getVariable(Variables.TALK_ID)).longValue());
  }
}
