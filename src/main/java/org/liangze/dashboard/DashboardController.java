package org.liangze.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.liangze.organisation.Officials;
import org.liangze.platform.FontUnavailableException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's figures as JSON and the ranking as downloads. A unit's people get their own unit only (403 for
 * another's); supervisors and the committee the district.
 */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final DashboardService dashboard;
  private final Scores scores;
  private final RankingExports exports;
  private final Officials officials;
  private final Clock clock;

  DashboardController(DashboardService dashboard, Scores scores, RankingExports exports, Officials officials,
      Clock clock) {
    this.dashboard = dashboard;
    this.scores = scores;
    this.exports = exports;
    this.officials = officials;
    this.clock = clock;
  }

  @GetMapping
  DashboardService.Dashboard district(@RequestParam(required = false) String period) {
    return dashboard.of(officials.current(), quarter(period));
  }

  @GetMapping("/units/{unitCode}")
  DashboardService.UnitRow unit(@PathVariable String unitCode, @RequestParam(required = false) String period) {
    return dashboard.unit(officials.current(), unitCode, quarter(period));
  }

  @GetMapping("/units/{unitCode}/accountability")
  List<org.liangze.accountability.DecidedCases.DecidedCase> accountability(@PathVariable String unitCode,
      @RequestParam(required = false) String period) {
    return dashboard.accountability(officials.current(), unitCode, any(period));
  }

  @GetMapping("/ranking")
  List<UnitScore> ranking(@RequestParam(required = false) String period) {
    return dashboard.ranking(officials.current(), any(period));
  }

  @GetMapping("/ranking.xlsx")
  ResponseEntity<byte[]> rankingWorkbook(@RequestParam(required = false) String period) {
    Period p = any(period);
    byte[] body = exports.workbook(p, scores.formula().version(), dashboard.ranking(officials.current(), p));
    return download(body, XLSX, RankingExports.title(p) + ".xlsx");
  }

  @GetMapping("/ranking.pdf")
  ResponseEntity<byte[]> rankingPdf(@RequestParam(required = false) String period) {
    Period p = any(period);
    byte[] body = exports.pdf(p, scores.formula().version(), dashboard.ranking(officials.current(), p),
        clock.instant());
    return download(body, MediaType.APPLICATION_PDF, RankingExports.title(p) + ".pdf");
  }

  @ExceptionHandler(FontUnavailableException.class)
  ProblemDetail fontUnavailable() {
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, FontUnavailableException.FOR_PEOPLE);
  }

  private Period quarter(String period) {
    return period == null || period.isBlank() ? dashboard.currentQuarter() : Period.parse(period);
  }

  private Period any(String period) {
    return quarter(period);
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    headers.setContentDisposition(ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build());
    return new ResponseEntity<>(body, headers, HttpStatus.OK);
  }
}
