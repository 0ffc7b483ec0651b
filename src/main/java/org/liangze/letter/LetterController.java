package org.liangze.letter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.liangze.organisation.Official;
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
 * Letters over HTTP. Starting a campaign runs as the caller in the engine, so only those Camunda lets start the
 * letter-signing process (the district committee) can; letters are readable by their own unit and supervisors.
 */
@RestController
@RequestMapping("/api")
class LetterController {

  private final LetterCampaigns campaigns;
  private final LetterService letters;
  private final Officials officials;

  LetterController(LetterCampaigns campaigns, LetterService letters, Officials officials) {
    this.campaigns = campaigns;
    this.letters = letters;
    this.officials = officials;
  }

  /** The year comes as text so that a malformed one gets the platform's own message, not a parser's. */
  record StartRequest(String year) {
  }

  /** {@code issuerUnitCode}: the level that issued the letter and countersigns it, null for the district committee. */
  record LetterView(long id, String unitCode, int year, int revision, LetterStatus status, String title,
      String signerId, String signature, OffsetDateTime signedAt, String issuerUnitCode, String countersignerId,
      String countersignature, OffsetDateTime countersignedAt, OffsetDateTime archivedAt, String documentUrl) {

    static LetterView of(Letter letter) {
      return new LetterView(letter.id(), letter.unitCode(), letter.year(), letter.revision(), letter.status(),
          letter.title(), letter.signerId(), letter.signature(), letter.signedAt(), letter.issuerUnitCode(),
          letter.countersignerId(), letter.countersignature(), letter.countersignedAt(), letter.archivedAt(),
          "/api/letters/" + letter.id() + "/document");
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
    return letters.visibleLetters(officials.current(), LetterCampaigns.parseYear(year)).stream()
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
}
