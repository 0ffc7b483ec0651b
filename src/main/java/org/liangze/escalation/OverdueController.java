package org.liangze.escalation;

import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Overdue work for the Cockpit dashboard plugin and the platform's pages: GET /api/overdue. */
@RestController
@RequestMapping("/api/overdue")
class OverdueController {

  private final OverdueWork work;
  private final Officials officials;

  OverdueController(OverdueWork work, Officials officials) {
    this.work = work;
    this.officials = officials;
  }

  /** Units' overdue and soon-due tasks; unit people get their own units only, supervisors the district. */
  @GetMapping
  OverdueWork.Report overdue() {
    Official viewer = officials.current();
    if (!viewer.districtWide() && viewer.unitCodes().isEmpty()) {
      throw new AccessDeniedException("无权查看逾期工作：仅限各单位人员和区纪委监委、区委");
    }
    return work.report(viewer);
  }
}
