package org.liangze.record;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.liangze.organisation.Officials;
import org.liangze.platform.FontUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * A unit's record manual to download: an Excel workbook to sort and filter, a PDF to print and file. Readable by
 * the unit's own people and district supervisors, like the manual itself.
 */
@RestController
@RequestMapping("/api/units/{unitCode}/record")
class RecordExportController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final Logger log = LoggerFactory.getLogger(RecordExportController.class);

  private final RecordExports exports;
  private final ManualWorkbook workbook;
  private final ManualPdf pdf;
  private final Officials officials;

  RecordExportController(RecordExports exports, ManualWorkbook workbook, ManualPdf pdf, Officials officials) {
    this.exports = exports;
    this.workbook = workbook;
    this.pdf = pdf;
    this.officials = officials;
  }

  @GetMapping("/export.xlsx")
  ResponseEntity<byte[]> workbook(@PathVariable String unitCode) {
    ManualSnapshot manual = exports.snapshot(officials.current(), unitCode);
    return download(manual, "xlsx", XLSX, workbook.write(manual));
  }

  @GetMapping("/export.pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String unitCode) {
    ManualSnapshot manual = exports.snapshot(officials.current(), unitCode);
    return download(manual, "pdf", MediaType.APPLICATION_PDF, pdf.write(manual));
  }

  /** No PDF rather than a PDF whose Chinese is missing; the log tells the operator what to set. */
  @ExceptionHandler(FontUnavailableException.class)
  ProblemDetail fontUnavailable(FontUnavailableException e) {
    log.error("Record manual PDF refused: {}", e.getMessage());
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, FontUnavailableException.FOR_PEOPLE);
  }

  private static ResponseEntity<byte[]> download(ManualSnapshot manual, String extension, MediaType type,
      byte[] content) {
    String name = manual.title() + "-" + FILE_DATE.format(manual.takenAt()) + "." + extension;
    return ResponseEntity.ok()
        .contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
        .body(content);
  }
}
