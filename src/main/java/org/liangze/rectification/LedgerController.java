package org.liangze.rectification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rectification ledger over HTTP: a unit's ledger for its own people and the district's posts, the district's
 * for the district's posts, each as JSON and as an Excel workbook; and the commission's entry of an inspection's
 * findings for a unit, which starts its rectification as the caller.
 */
@RestController
@RequestMapping("/api")
class LedgerController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final RectificationLedger ledger;
  private final LedgerViews views;
  private final LedgerExports exports;
  private final InspectionFindings inspections;
  private final Officials officials;

  LedgerController(RectificationLedger ledger, LedgerViews views, LedgerExports exports,
      InspectionFindings inspections, Officials officials) {
    this.ledger = ledger;
    this.views = views;
    this.exports = exports;
    this.inspections = inspections;
    this.officials = officials;
  }

  @GetMapping("/units/{unitCode}/rectification-ledger")
  List<LedgerRow> unitLedger(@PathVariable String unitCode, @RequestParam(required = false) String status) {
    return ledger.unitLedger(officials.current(), unitCode, RectificationLedger.Filter.of(status));
  }

  @GetMapping("/units/{unitCode}/rectification-ledger.xlsx")
  ResponseEntity<byte[]> unitWorkbook(@PathVariable String unitCode, @RequestParam(required = false) String status) {
    RectificationLedger.Filter filter = RectificationLedger.Filter.of(status);
    List<LedgerRow> rows = ledger.unitLedger(officials.current(), unitCode, filter);
    String title = views.unitName(unitCode) + "整改台账（" + filter.label() + "，" + ledger.today() + "）";
    return download(exports.workbook(title, views.of(rows)), unitCode + "-整改台账.xlsx");
  }

  @GetMapping("/rectification-ledger")
  List<LedgerRow> districtLedger(@RequestParam(required = false) String status) {
    return ledger.districtLedger(officials.current(), RectificationLedger.Filter.of(status));
  }

  @GetMapping("/rectification-ledger.xlsx")
  ResponseEntity<byte[]> districtWorkbook(@RequestParam(required = false) String status) {
    RectificationLedger.Filter filter = RectificationLedger.Filter.of(status);
    List<LedgerRow> rows = ledger.districtLedger(officials.current(), filter);
    String title = "全区整改台账（" + filter.label() + "，" + ledger.today() + "）";
    return download(exports.workbook(title, views.of(rows)), "全区整改台账.xlsx");
  }

  @PostMapping("/units/{unitCode}/inspection-findings")
  ResponseEntity<InspectionFindings.Started> inspectionFindings(@PathVariable String unitCode,
      @RequestBody InspectionFindings.Request request) {
    InspectionFindings.Started started = inspections.enter(unitCode, request);
    return ResponseEntity.created(URI.create("/api/units/" + unitCode + "/rectification-ledger")).body(started);
  }

  private static ResponseEntity<byte[]> download(byte[] body, String fileName) {
    return ResponseEntity.ok().contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
        .body(body);
  }
}
