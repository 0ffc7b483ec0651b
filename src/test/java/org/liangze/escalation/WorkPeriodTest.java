package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The period an accountability request is per, and its cause in words: from the process's own period variable,
 * else the quarter the task fell due in (in the district's zone); the task's trailing "（unit, period）" left out.
 */
class WorkPeriodTest {

  static final ZoneId JINAN = ZoneId.of("Asia/Shanghai");

  @ParameterizedTest(name = "{0} due {1} → {2} {3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # variable | due (UTC)            | key    | label
      2026Q4     | 2027-01-12T02:00:00Z | 2026Q4 | 2026年第四季度
      2026q1     | 2026-04-12T02:00:00Z | 2026Q1 | 2026年第一季度
      2026H1     | 2026-07-12T02:00:00Z | 2026H1 | 2026年上半年
      2026H2     | 2027-01-12T02:00:00Z | 2026H2 | 2026年下半年
      2026       | 2026-03-12T02:00:00Z | 2026   | 2026年度
      -          | 2026-05-12T02:00:00Z | 2026Q2 | 2026年第二季度
      -          | 2026-09-30T17:00:00Z | 2026Q4 | 2026年第四季度
      whatever   | 2026-02-01T02:00:00Z | 2026Q1 | 2026年第一季度
      """)
  void theWorkPeriod(String variable, String due, String key, String label) {
    WorkPeriod period = WorkPeriod.of(variable, Instant.parse(due), JINAN);
    assertThat(period.key()).isEqualTo(key);
    assertThat(period.label()).isEqualTo(label);
  }

  @ParameterizedTest(name = "{0} / {1} → {3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # task name                          | process name | period | cause
      逐项自查（洪家楼街道，2026年第4季度）      | 单位季度自查   | 2026Q4 | 逾期未办：2026年第四季度 单位季度自查 / 逐项自查
      阅读并签订目标责任书（区教育和体育局）      | 目标责任书签订 | 2026   | 逾期未办：2026年度 目标责任书签订 / 阅读并签订目标责任书
      修改完善半年报告                        | 单位半年报告   | 2026H1 | 逾期未办：2026年上半年 单位半年报告 / 修改完善半年报告
      -                                    | -            | 2026Q3 | 逾期未办：2026年第三季度 未命名流程 / 未命名任务
      """)
  void theCauseIsInWords(String taskName, String processName, String period, String cause) {
    EscalationRepository.ClimbingTask task = new EscalationRepository.ClimbingTask("task-1", taskName, "execution-1",
        "instance-1", processName, Instant.parse("2026-08-01T00:00:00Z"), EscalationLevel.SUMMONED);
    assertThat(Escalations.causeOf(task, WorkPeriod.of(period, task.due(), JINAN))).isEqualTo(cause);
  }
}
