package org.liangze.letter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.FontUnavailableException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Letters over HTTP. Starting a campaign runs as the caller in the engine, so only those Camunda lets start the
 * letter-signing process (the district committee) can; letters are readable by their own unit and supervisors.
 */
@RestController
@RequestMapping("/api")
class LetterController {

  private final LetterCampaigns campaigns;
  private final LetterService letters;
  private final LetterPdf pdf;
  private final Officials officials;

  LetterController(LetterCampaigns campaigns, LetterService letters, LetterPdf pdf, Officials officials) {
    this.campaigns = campaigns;
    this.letters = letters;
    this.pdf = pdf;
    this.officials = officials;
  }

  /** The year comes as text so that a malformed one gets the platform's own message, not a parser's. */
  record StartRequest(String year) {
  }

  /** {@code issuerUnitCode}: the level that issued the letter and countersigns it, null for the district committee. */
  record LetterView(long id, String unitCode, int year, int revision, LetterStatus status, String title,
      String signerId, String signature, OffsetDateTime signedAt, String issuerUnitCode, String countersignerId,
      String countersignature, OffsetDateTime countersignedAt, OffsetDateTime archivedAt, String documentUrl,
      String pdfUrl, Long signingEntrySeq, PaperCopyView paperCopy) {

    static LetterView of(Letter letter) {
      return new LetterView(letter.id(), letter.unitCode(), letter.year(), letter.revision(), letter.status(),
          letter.title(), letter.signerId(), letter.signature(), letter.signedAt(), letter.issuerUnitCode(),
          letter.countersignerId(), letter.countersignature(), letter.countersignedAt(), letter.archivedAt(),
          "/api/letters/" + letter.id() + "/document", "/api/letters/" + letter.id() + "/document.pdf",
          letter.signingEntrySeq(), PaperCopyView.of(letter.paperCopy()));
    }
  }

  /** The scanned signed letter: its file (to download at {@code fileUrl}) and the record entry citing it. */
  record PaperCopyView(String fileHash, String fileName, String fileUrl, long entrySeq, String uploadedBy,
      OffsetDateTime uploadedAt) {

    static PaperCopyView of(Letter.PaperCopy copy) {
      return copy == null ? null : new PaperCopyView(copy.fileHash(), copy.fileName(), "/api/evidence/" + copy.fileHash(),
          copy.entrySeq(), copy.uploadedBy(), copy.uploadedAt());
    }
  }

  @PostMapping("/letter-campaigns")
  ResponseEntity<LetterCampaigns.Started> start(@RequestBody StartRequest request) {
    LetterCampaigns.Started started = campaigns.start(request.year());
    return ResponseEntity.created(URI.create("/api/letter-campaigns/" + started.year())).body(started);
  }

  /**
   * The district's posts see the whole campaign ({@link LetterCampaigns.Progress}); anyone else only their own
   * units' letters ({@link LetterCampaigns.UnitProgress}).
   */
  @GetMapping("/letter-campaigns/{year}")
  Object progress(@PathVariable String year) {
    Official official = officials.current();
    return official.districtWide() ? campaigns.progress(year) : campaigns.unitProgress(year, official);
  }

  @GetMapping("/letters")
  List<LetterView> letters(@RequestParam String year) {
    return letters.visibleLetters(officials.current(), FormInputs.year(year)).stream()
        .map(LetterView::of)
        .toList();
  }

  @GetMapping("/letters/{id}")
  LetterView letter(@PathVariable long id) {
    return LetterView.of(letters.visibleLetter(officials.current(), id));
  }

  /**
   * The letter as an HTML document to read, print or save; the archived original once signed. Shown in the
   * browser (the link in the signing form), or saved as a file with {@code ?download=true}.
   */
  @GetMapping("/letters/{id}/document")
  ResponseEntity<String> document(@PathVariable long id, @RequestParam(defaultValue = "false") boolean download) {
    Letter letter = letters.visibleLetter(officials.current(), id);
    ContentDisposition.Builder disposition = download ? ContentDisposition.attachment() : ContentDisposition.inline();
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            disposition.filename(letter.title() + ".html", StandardCharsets.UTF_8).build().toString())
        .body(letters.document(letter));
  }

  /**
   * The letter to print, sign by hand and seal (A4 PDF): signature lines and seal areas of both levels, and a QR
   * code opening the verification of the record entry of its signing; 草稿 without a QR code until signed.
   */
  @GetMapping("/letters/{id}/document.pdf")
  ResponseEntity<byte[]> pdf(@PathVariable long id, @RequestParam(defaultValue = "false") boolean download) {
    Letter letter = letters.visibleLetter(officials.current(), id);
    byte[] content = pdf.write(letter, new LetterPdf.Parties(letters.unitName(letter), letters.issuerName(letter)),
        letters.signingEntry(letter).orElse(null));
    ContentDisposition.Builder disposition = download ? ContentDisposition.attachment() : ContentDisposition.inline();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition
            .filename(letter.title() + (letter.signed() ? "" : "（草稿）") + ".pdf", StandardCharsets.UTF_8)
            .build().toString())
        .body(content);
  }

  /** The scanned signed letter uploaded back by the unit's people: evidence in the unit's record manual. */
  @PostMapping(path = "/letters/{id}/paper-copy", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<LetterView> paperCopy(@PathVariable long id, @RequestParam("file") MultipartFile file) {
    byte[] content;
    try {
      content = file.getBytes();
    } catch (IOException e) {
      throw new InvalidInputException("文件读取失败，请重新上传");
    }
    Letter letter = letters.attachPaperCopy(officials.current(), id, file.getOriginalFilename(), content);
    return ResponseEntity.created(URI.create("/api/letters/" + id)).body(LetterView.of(letter));
  }

  @ExceptionHandler(FontUnavailableException.class)
  ProblemDetail fontUnavailable(FontUnavailableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, FontUnavailableException.FOR_PEOPLE);
  }
}
