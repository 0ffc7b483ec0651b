package org.liangze.imports;

import java.io.IOException;
import java.util.List;
import org.liangze.organisation.Officials;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The organisation import's API, for 组织管理员 and administrators (SecurityConfig): the template, the import (dry run
 * or apply) with its report, the kept imports, and the one download of the added people's first passwords.
 */
@RestController
@RequestMapping("/api/organisation")
class OrganisationImportController {

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final OrganisationImports imports;
  private final OrganisationTemplate template;
  private final ImportHistory history;
  private final FirstPasswordDownloads downloads;
  private final Officials officials;

  OrganisationImportController(OrganisationImports imports, OrganisationTemplate template, ImportHistory history,
      FirstPasswordDownloads downloads, Officials officials) {
    this.imports = imports;
    this.template = template;
    this.history = history;
    this.downloads = downloads;
    this.officials = officials;
  }

  @GetMapping("/template.xlsx")
  ResponseEntity<byte[]> template() {
    return xlsx(template.write(), "组织机构导入模板.xlsx");
  }

  /**
   * Either {@code file} (the workbook) or the CSV files {@code units} and/or {@code people}. 200 with the report, or
   * 422 with the report when anything is wrong (then nothing changed).
   */
  @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportReport> importOrganisation(@RequestParam(defaultValue = "true") boolean dryRun,
      @RequestPart(required = false) MultipartFile file, @RequestPart(required = false) MultipartFile units,
      @RequestPart(required = false) MultipartFile people) throws IOException {
    String actor = officials.current().userId();
    ImportReport report;
    if (file != null && (units != null || people != null)) {
      throw new InvalidInputException("请只上传工作簿，或只上传 CSV 文件（单位、人员）");
    } else if (file != null) {
      report = imports.importWorkbook(uploaded(file), dryRun, actor);
    } else if (units != null || people != null) {
      report = imports.importCsv(uploaded(units), uploaded(people), dryRun, actor);
    } else {
      throw new InvalidInputException("请选择要上传的文件：工作簿（file），或 CSV 文件（units、people）");
    }
    return ResponseEntity.status(report.hasProblems() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK).body(report);
  }

  @GetMapping("/imports")
  List<ImportHistory.Entry> history() {
    return history.list(500);
  }

  @GetMapping("/imports/{id}")
  ImportReport report(@PathVariable long id) {
    return history.report(id).orElseThrow(() -> new NotFoundException("没有这次导入"));
  }

  /** The added people's first passwords, once, for the administrator who imported them. */
  @GetMapping("/first-passwords/{token}.xlsx")
  ResponseEntity<byte[]> firstPasswords(@PathVariable String token) {
    byte[] workbook = downloads.take(token, officials.current().userId())
        .orElseThrow(() -> new NotFoundException("初始密码只能由导入的管理员下载一次，已下载或已过期；如需要，请为相关人员重置密码"));
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("初始密码.xlsx", java.nio.charset.StandardCharsets.UTF_8).build()
                .toString())
        .body(workbook);
  }

  private static UploadedFile uploaded(MultipartFile file) throws IOException {
    if (file == null) {
      return null;
    }
    // the multipart limit (spring.servlet.multipart) is above OrganisationFiles.MAX_BYTES, which answers in Chinese
    return new UploadedFile(file.getOriginalFilename(), file.getBytes());
  }

  static ResponseEntity<byte[]> xlsx(byte[] content, String name) {
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .body(content);
  }
}
