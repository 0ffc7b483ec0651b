package org.liangze.dutyreport;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The commission starts the year's team-member reports: {@code POST /api/duty-reports {"year":"2026"}}. */
@RestController
@RequestMapping("/api")
class DutyReportController {

  private final DutyReports reports;

  DutyReportController(DutyReports reports) {
    this.reports = reports;
  }

  record StartRequest(String year) {
  }

  @PostMapping("/duty-reports")
  @ResponseStatus(HttpStatus.CREATED)
  DutyReports.Started start(@RequestBody StartRequest request) {
    return reports.startYear(request.year());
  }
}
