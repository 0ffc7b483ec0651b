package org.liangze.letter;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.liangze.organisation.Official;
import org.liangze.organisation.Officials;
import org.liangze.organisation.PersonRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.MessagePage;
import org.liangze.platform.Pages;
import org.liangze.platform.WebappSessions;
import org.liangze.record.EntryVerifications;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.EvidenceProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Letters as pages, without Tasklist: the caller's letters of a year, and one letter with its document (HTML), the
 * printable PDF, the verification of its signing record, and the scanned signed letter — shown once uploaded, and
 * uploaded here by the unit's people ({@code POST /api/letters/{id}/paper-copy}, with the webapp session's CSRF
 * token, as the record manual's form does).
 */
@Controller
class LetterPageController implements Pages {

  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  /** What the file picker offers; the server judges the content. */
  static final String ACCEPT = "application/pdf,.pdf,image/*,.jpg,.jpeg,.png";

  private final LetterService letters;
  private final Officials officials;
  private final PersonRepository people;
  private final EvidenceProperties evidence;
  private final Clock clock;

  LetterPageController(LetterService letters, Officials officials, PersonRepository people,
      EvidenceProperties evidence, Clock clock) {
    this.letters = letters;
    this.officials = officials;
    this.people = people;
    this.evidence = evidence;
    this.clock = clock;
  }

  record Row(long id, String title, String status, boolean paperCopy) {
  }

  record Page(long id, String unitCode, String title, String unitName, String issuerName, String status,
      boolean signed, String signature, String signedOn, String countersignature, String countersignedOn,
      String documentUrl, String pdfUrl, String verificationUrl, Long signingEntrySeq, String paperCopyName,
      String paperCopyUrl, String paperCopyUploaded, boolean canUpload, String accept, String maxSize,
      String csrfToken) {
  }

  @GetMapping("/pages/letters")
  String list(@RequestParam(required = false) String year, Model model) {
    int listYear = year == null || year.isBlank() ? LocalDate.now(clock).getYear() : FormInputs.year(year);
    List<Row> rows = letters.visibleLetters(officials.current(), listYear).stream()
        .map(letter -> new Row(letter.id(), letter.title(), status(letter), letter.paperCopy() != null))
        .toList();
    model.addAttribute("year", listYear);
    model.addAttribute("rows", rows);
    return "letter/list";
  }

  @GetMapping("/pages/letters/{id}")
  String letter(@PathVariable long id, Model model, HttpServletRequest request) {
    Official reader = officials.current();
    Letter letter = letters.visibleLetter(reader, id);
    Map<String, String> names = letter.paperCopy() == null ? Map.of() : people.names();
    Letter.PaperCopy copy = letter.paperCopy();
    model.addAttribute("page", new Page(letter.id(), letter.unitCode(), letter.title(), letters.unitName(letter),
        letters.issuerName(letter), status(letter), letter.signed(), letter.signature(), day(letter.signedAt()),
        letter.countersignature(), day(letter.countersignedAt()), "/api/letters/" + id + "/document",
        "/api/letters/" + id + "/document.pdf",
        letters.signingEntry(letter).map(entry -> EntryVerifications.path(entry.id())).orElse(null),
        letter.signingEntrySeq(), copy == null ? null : copy.fileName(),
        copy == null ? null : "/api/evidence/" + copy.fileHash(),
        copy == null ? null : DAY_TIME.format(copy.uploadedAt().atZoneSameInstant(clock.getZone())) + "，"
            + names.getOrDefault(copy.uploadedBy(), "本单位人员") + "上传（纪实手册第" + copy.entrySeq() + "条）",
        letter.signed() && reader.unitCodes().contains(letter.unitCode()), ACCEPT,
        EvidenceFiles.sizeLabel(evidence.maxSize().toBytes()), WebappSessions.csrfToken(request).orElse(null)));
    return "letter/page";
  }

  private static String status(Letter letter) {
    return switch (letter.status()) {
      case ISSUED -> "待签订";
      case OBJECTED -> "已提出异议，待修订";
      case SIGNED -> letter.countersigned() ? "已签订、已会签" : "已签订，待会签";
      case ARCHIVED -> "已签订、已会签并归档";
    };
  }

  private String day(OffsetDateTime time) {
    return time == null ? null : DAY.format(time.atZoneSameInstant(clock.getZone()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView refused() {
    return MessagePage.of(HttpStatus.FORBIDDEN, "无权查看该责任书",
        "目标责任书只对本单位人员、下达责任书的上级单位和区级领导开放。");
  }
}
