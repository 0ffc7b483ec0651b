package org.liangze.record;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.platform.InvalidInputException;
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
import org.springframework.web.multipart.MultipartFile;

/**
 * The record manual over HTTP: a unit reads and writes its own; supervisors read every unit's and verify. Who may
 * call which mapping is declared in {@link org.liangze.organisation.ApiAccessPolicy}; writing checks membership
 * again ({@link ManualEntries}), and an evidence file's readers are checked on the file ({@link EvidenceFiles}).
 */
@RestController
@RequestMapping("/api")
class RecordController {

  private final RecordManual manual;
  private final ManualEntries manualEntries;
  private final ChainVerifier verifier;
  private final RecordFlags flags;
  private final EvidenceFiles evidence;
  private final Officials officials;

  RecordController(RecordManual manual, ManualEntries manualEntries, ChainVerifier verifier, RecordFlags flags,
      EvidenceFiles evidence, Officials officials) {
    this.manual = manual;
    this.manualEntries = manualEntries;
    this.verifier = verifier;
    this.flags = flags;
    this.evidence = evidence;
    this.officials = officials;
  }

  @GetMapping("/units/{unitCode}/record")
  List<RecordEntry> entries(@PathVariable String unitCode) {
    return manual.entriesOf(unitCode);
  }

  @PostMapping("/units/{unitCode}/record")
  ResponseEntity<RecordEntry> add(@PathVariable String unitCode, @RequestBody ManualEntries.Request request) {
    RecordEntry entry = manualEntries.add(officials.current(), unitCode, request);
    return ResponseEntity.created(URI.create("/api/units/" + unitCode + "/record#" + entry.seq())).body(entry);
  }

  @GetMapping("/units/{unitCode}/record/verification")
  ChainReport verify(@PathVariable String unitCode) {
    return verifier.verify(unitCode);
  }

  @GetMapping("/units/{unitCode}/record/flags")
  RecordFlags.Flags flags(@PathVariable String unitCode) {
    return flags.of(unitCode);
  }

  @GetMapping("/record/verification")
  List<ChainReport> verifyAll() {
    return verifier.verifyAll();
  }

  @PostMapping(path = "/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<EvidenceFile> upload(@RequestParam("file") MultipartFile file) {
    Official official = officials.current();
    byte[] content;
    try {
      content = file.getBytes();
    } catch (IOException e) {
      throw new InvalidInputException("文件读取失败，请重新上传");
    }
    EvidenceFile stored = evidence.store(file.getOriginalFilename(), content, official.userId(),
        official.unitCodes());
    return ResponseEntity.created(URI.create("/api/evidence/" + stored.contentHash())).body(stored);
  }

  @GetMapping("/evidence/{hash}")
  ResponseEntity<byte[]> download(@PathVariable String hash) {
    byte[] content = evidence.content(officials.current(), hash);
    EvidenceFile file = evidence.describe(hash);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.mediaType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(file.originalName(), StandardCharsets.UTF_8).build().toString())
        .body(content);
  }
}
