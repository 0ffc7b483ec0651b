package org.liangze.escalation;

import org.liangze.organisation.Officials;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Overdue work for the Cockpit dashboard plugin and the platform's pages: GET /api/overdue (counts by unit and
 * colour) and GET /api/overdue/units/{code}/tasks (a unit's tasks, a page at a time).
 */
@RestController
@RequestMapping("/api/overdue")
class OverdueController {

  private final OverdueWork work;
  private final Officials officials;

  OverdueController(OverdueWork work, Officials officials) {
    this.work = work;
    this.officials = officials;
  }

  /** Units' counts of overdue and soon-due tasks; unit people get their own units only, supervisors the district. */
  @GetMapping
  OverdueWork.Report overdue() {
    return work.report(officials.current());
  }

  /** One unit's overdue and soon-due tasks, earliest due first, {@code max} (at most 200) from {@code first}. */
  @GetMapping("/units/{unitCode}/tasks")
  OverdueWork.TaskPage tasks(@PathVariable String unitCode, @RequestParam(defaultValue = "0") int first,
      @RequestParam(defaultValue = "50") int max) {
    return work.tasks(unitCode, first, max);
  }
}
