package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The overdue report and a unit's page of tasks on the embedded default (H2), which the demo runs on. */
@SpringBootTest
@ActiveProfiles("test")
class OverdueWorkOnH2Test {

  @Autowired DemoDistrict district;
  @Autowired TaskService taskService;
  @Autowired OverdueWork work;

  @Test
  void countsAndPagesOnH2() throws IOException {
    district.seedIfEmpty(2026);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String late = task(Groups.of(Role.STAFF, "D01"), now.minus(Duration.ofDays(1)));
    String soon = task(Groups.DISCIPLINE_COMMISSION, now.plus(Duration.ofDays(1)));
    try {
      OverdueWork.Report report = work.report(Official.of("jiwei", List.of(Groups.DISCIPLINE_COMMISSION)));
      assertThat(report.units()).extracting(OverdueWork.UnitOverdue::unitCode)
          .containsExactly("D01", Groups.DISCIPLINE_COMMISSION);
      assertThat(report.units().get(0).counts().get(WarningLevel.YELLOW)).isEqualTo(1);
      assertThat(report.totals().get(WarningLevel.BLUE)).isEqualTo(1);
      OverdueWork.TaskPage page = work.tasks("D01", 0, 50);
      assertThat(page.total()).isEqualTo(1);
      assertThat(page.tasks()).extracting(OverdueWork.OverdueTask::taskId).containsExactly(late);
      assertThat(work.tasks(Groups.DISCIPLINE_COMMISSION, 0, 50).tasks())
          .extracting(OverdueWork.OverdueTask::taskId).containsExactly(soon);
      assertThat(work.tasks("D02", 0, 50).total()).isZero();
      assertThat(work.overdueProcessInstances()).as("standalone tasks belong to no instance").isEmpty();
    } finally {
      taskService.deleteTask(late, true);
      taskService.deleteTask(soon, true);
    }
  }

  private String task(String group, Instant due) {
    Task task = taskService.newTask();
    task.setName("H2 逾期测试");
    task.setDueDate(Date.from(due));
    taskService.saveTask(task);
    taskService.addCandidateGroup(task.getId(), group);
    return task.getId();
  }
}
