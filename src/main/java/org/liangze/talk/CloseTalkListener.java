package org.liangze.talk;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.liangze.talk.TalkProcess.Variables;
import org.springframework.stereotype.Component;

/** End event listener: every commitment verified, the talk is closed. */
@Component("closeTalk")
class CloseTalkListener implements ExecutionListener {

  private final Talks talks;

  CloseTalkListener(Talks talks) {
    this.talks = talks;
  }

  @Override
  public void notify(DelegateExecution execution) {
    talks.close(((Number) execution.getVariable(Variables.TALK_ID)).longValue());
  }
}
