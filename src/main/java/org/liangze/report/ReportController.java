package org.liangze.report;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.liangze.organisation.Officials;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
class ReportController {

  private final ReportCampaigns campaigns;
  private final HalfYearReports reports;
  private final Officials officials;

  ReportController(ReportCampaigns campaigns, HalfYearReports reports, Officials officials) {
    this.campaigns = campaigns;
    this.reports = reports;
    this.officials = officials;
  }

  record StartRequest(String period) {
  }

  record ReportView(String unitCode, String period, String status, String figures, String text) {
  }

  @PostMapping("/half-year-reports")
  ResponseEntity<ReportCampaigns.Started> start(@RequestBody StartRequest request) {
    ReportCampaigns.Started started = campaigns.start(request.period());
    return ResponseEntity.created(URI.create("/api/half-year-reports/" + started.period() + "/summary"))
        .body(started);
  }

  @GetMapping("/units/{unitCode}/half-year-reports/{period}")
  ReportView report(@PathVariable String unitCode, @PathVariable String period) {
    ReportRepository.Report report = reports.visibleReport(officials.current(), unitCode, period);
    return new ReportView(report.unitCode(), report.period(), report.status(), report.figures(),
        report.finalText() == null ? report.draftText() : report.finalText());
  }

  /** The district summary, for supervisors, as an HTML document to read or save. */
  @GetMapping("/half-year-reports/{period}/summary")
  ResponseEntity<String> summary(@PathVariable String period) {
    String html = reports.summary(officials.current(), period);
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
            .filename(HalfYear.parse(period).label() + "全区汇总.html", StandardCharsets.UTF_8).build().toString())
        .body(html);
  }
}
