package org.liangze.record;

import java.util.List;
import org.liangze.organisation.TaskHandedBack;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes a handover into the unit's record manual when a claimed task goes back to the unit's group. */
@Component
class HandoverRecorder {

  private final RecordManual manual;

  HandoverRecorder(RecordManual manual) {
    this.manual = manual;
  }

  @EventListener
  void handedBack(TaskHandedBack event) {
    manual.append(new NewEntry(event.unitCode(), EntryKind.OTHER, null, event.actor(), event.at(), event.summary(),
        null, event.processInstanceId(), event.taskId(), List.of()));
  }
}
