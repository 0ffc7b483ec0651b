package org.liangze.letter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.liangze.lists.ListService;
import org.liangze.lists.ResponsibilityList;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.record.EntryKind;
import org.liangze.record.EvidenceFile;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.NewEntry;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The responsibility letter (一书): issued to every unit from the common list and its tailored list, signed or
 * objected to by the unit secretary, revised by the issuing level (the unit above, or the committee), countersigned
 * by it (逐级签订), archived once both have signed. Every change moves a letter
 * on only from the status it expects, so a retried step changes nothing twice.
 *
 * <p>The letter-signing model reaches this bean as {@code letterService} for values it shows in forms.
 */
@Service
public class LetterService {

  static final int MAX_SIGNATURE = 50;
  static final int MAX_TEXT = 2000;

  private final LetterRepository letters;
  private final UnitRepository units;
  private final ListService lists;
  private final LetterDocuments documents;
  private final RecordManual manual;
  private final EvidenceFiles evidence;
  private final Clock clock;

  LetterService(LetterRepository letters, UnitRepository units, ListService lists, LetterDocuments documents,
      RecordManual manual, EvidenceFiles evidence, Clock clock) {
    this.letters = letters;
    this.units = units;
    this.lists = lists;
    this.documents = documents;
    this.manual = manual;
    this.evidence = evidence;
    this.clock = clock;
  }

  /**
   * Issues the year's letter to every active unit that has none yet, with the common list of the unit's type;
   * returns how many were issued.
   */
  @Transactional
  public int issueAll(int year) {
    Map<UnitType, ResponsibilityList> commonLists = new EnumMap<>(UnitType.class);
    Map<String, Unit> byCode = units.findAll().stream().collect(Collectors.toMap(Unit::code, unit -> unit));
    int issued = 0;
    for (Unit unit : units.findAllActive()) {
      if (letters.exists(unit.code(), year)) {
        continue;
      }
      // each unit's letter carries the common list of its unit type
      ResponsibilityList common = commonLists.computeIfAbsent(unit.type(), type -> commonList(type, year));
      ResponsibilityList tailored = lists.tailoredList(unit.code(), year).orElse(null);
      Unit issuer = issuerOf(unit, byCode);
      letters.insert(unit.code(), year, LetterDocuments.title(unit, year),
          documents.body(unit, documents.issuerName(issuer), year, common, tailored, 1, null), common.id(),
          tailored == null ? null : tailored.id(), issuer == null ? null : issuer.code(), now());
      issued++;
    }
    return issued;
  }

  /**
   * The level that issues a unit's letter and countersigns it (逐级签订): the nearest active unit above it — a
   * town for its villages, a department for its sections — or null, the district committee, for the units
   * directly under the district.
   */
  static Unit issuerOf(Unit unit, Map<String, Unit> byCode) {
    Set<String> seen = new HashSet<>();
    Unit parent = unit.parentCode() == null ? null : byCode.get(unit.parentCode());
    while (parent != null && !parent.active() && seen.add(parent.code())) {
      parent = parent.parentCode() == null ? null : byCode.get(parent.parentCode());
    }
    return parent != null && parent.active() ? parent : null;
  }

  /** The group that countersigns the letter and answers objections to it: the issuing unit's secretary, or 区委. */
  public String issuerGroupOf(Long letterId) {
    String issuer = letter(letterId).issuerUnitCode();
    return issuer == null ? Groups.DISTRICT_COMMITTEE : Groups.of(Role.SECRETARY, issuer);
  }

  /** The issuing level (甲方) as the letter names it, e.g. "中共历城区委员会" or "西营镇党组织". */
  public String issuerNameOf(Long letterId) {
    String issuer = letter(letterId).issuerUnitCode();
    return documents.issuerName(issuer == null ? null : unit(issuer));
  }

  /** The multi-instance collection of the letter-signing model: one sub-process per letter. */
  public List<Long> letterIdsOf(Integer year) {
    return letters.idsOfYear(year);
  }

  public String unitCodeOf(Long letterId) {
    return letter(letterId).unitCode();
  }

  public String unitNameOf(Long letterId) {
    return unit(letter(letterId).unitCode()).name();
  }

  public String titleOf(Long letterId) {
    return letter(letterId).title();
  }

  public String summaryOf(Long letterId) {
    Letter letter = letter(letterId);
    ResponsibilityList common = commonList(unit(letter.unitCode()).type(), letter.year());
    return LetterDocuments.summary(common, lists.tailoredList(letter.unitCode(), letter.year()).orElse(null));
  }

  @Transactional
  public void sign(long letterId, String signerId, String signature) {
    sign(letterId, signerId, signature, null);
  }

  /**
   * Signs as the signing task of {@code processInstanceId} completes, and notes the record entry of that completion
   * (the entry the letter's PDF cites).
   */
  @Transactional
  public void sign(long letterId, String signerId, String signature, String processInstanceId) {
    String name = required(signature, "签名不能为空，请输入本人姓名", MAX_SIGNATURE);
    if (signerId == null) {
      throw new InvalidInputException("无法确认签订人身份，请登录后签订");
    }
    if (!letters.sign(letterId, signerId, name, now())) {
      throw new InvalidInputException("该责任书当前不处于待签订状态");
    }
    // the record manual wrote the signing task's entry as the task completed, earlier in this transaction, and
    // holds the unit's chain until it commits: the unit's newest entry is that one
    String unitCode = letter(letterId).unitCode();
    manual.latestEntry(unitCode)
        .filter(entry -> processInstanceId != null && entry.kind() == EntryKind.TASK_COMPLETED
            && signerId.equals(entry.actor()) && processInstanceId.equals(entry.processInstanceId()))
        .ifPresent(entry -> letters.recordSigningEntry(letterId, entry.seq()));
  }

  /** The record entry that recorded the secretary's signature, if the letter is signed and it is known. */
  public Optional<RecordEntry> signingEntry(Letter letter) {
    if (!letter.signed() || letter.signingEntrySeq() == null) {
      return Optional.empty();
    }
    return manual.entry(letter.unitCode(), letter.signingEntrySeq());
  }

  /**
   * The scanned signed letter uploaded back by the unit's people (PDF or an image): stored as evidence of the unit,
   * cited by a new entry of the unit's record manual, and shown on the letter. A refused file changes nothing.
   */
  @Transactional
  public Letter attachPaperCopy(Official official, long letterId, String fileName, byte[] content) {
    Letter letter = visibleLetter(official, letterId);
    if (!official.unitCodes().contains(letter.unitCode())) {
      throw new AccessDeniedException(official.userId() + " is not of unit " + letter.unitCode());
    }
    if (!letter.signed()) {
      throw new InvalidInputException("责任书尚未签订，签订后才能上传纸质签字件");
    }
    EvidenceFile file = evidence.store(fileName, content, official.userId(), List.of(letter.unitCode()),
        type -> type.equals("application/pdf") || type.startsWith("image/"),
        "纸质签字件须为 PDF 文件或图片（JPG、PNG），请扫描或拍照后上传");
    evidence.attach(List.of(file.contentHash()), letter.unitCode());
    OffsetDateTime at = now();
    RecordEntry entry = manual.append(new NewEntry(letter.unitCode(), EntryKind.LETTER_SCAN, null, official.userId(),
        at.toInstant(), "上传纸质签字件：《" + letter.title() + "》（第" + letter.revision() + "版）扫描件", null, null,
        null, List.of(file.contentHash())));
    if (!letters.recordPaperCopy(letterId, new Letter.PaperCopy(file.contentHash(), fileName.strip(), entry.seq(),
        official.userId(), at))) {
      throw new InvalidInputException("责任书尚未签订，签订后才能上传纸质签字件");
    }
    return letter(letterId);
  }

  /** The issuing level countersigns a letter its unit has signed (甲方签字); once only. */
  @Transactional
  public void countersign(long letterId, String countersignerId, String countersignature) {
    String name = required(countersignature, "会签签名不能为空，请输入本人姓名", MAX_SIGNATURE);
    if (countersignerId == null) {
      throw new InvalidInputException("无法确认会签人身份，请登录后会签");
    }
    if (!letters.countersign(letterId, countersignerId, name, now())) {
      throw new InvalidInputException("该责任书当前不处于待会签状态");
    }
  }

  @Transactional
  public void object(long letterId, String reason) {
    String text = required(reason, "提出异议时必须填写异议理由", MAX_TEXT);
    if (!letters.object(letterId, text)) {
      throw new InvalidInputException("该责任书当前不处于待签订状态");
    }
  }

  /** Checks the committee's answer to an objection before the task may complete. */
  public void checkRevisionNote(String revisionNote) {
    required(revisionNote, "请填写修订说明", MAX_TEXT);
  }

  /** Sends an objected letter back to its unit as a new revision carrying the committee's note. */
  @Transactional
  public void reissue(long letterId, String revisionNote) {
    Letter letter = letter(letterId);
    if (letter.status() != LetterStatus.OBJECTED) {
      return;
    }
    Unit unit = unit(letter.unitCode());
    ResponsibilityList common = commonList(unit.type(), letter.year());
    ResponsibilityList tailored = lists.tailoredList(unit.code(), letter.year()).orElse(null);
    int revision = letter.revision() + 1;
    String issuer = documents.issuerName(letter.issuerUnitCode() == null ? null : unit(letter.issuerUnitCode()));
    letters.reissue(letterId, revisionNote,
        documents.body(unit, issuer, letter.year(), common, tailored, revision, revisionNote), now());
  }

  /** Freezes a signed letter as the document it was signed as. */
  @Transactional
  public void archive(long letterId) {
    Letter letter = letter(letterId);
    if (letter.status() == LetterStatus.SIGNED) {
      letters.archive(letterId, render(letter), now());
    }
  }

  /** The letters of the caller's own units, and those their units issued (and countersign); all for the district. */
  public List<Letter> visibleLetters(Official official, int year) {
    return letters.summariesOfYear(year).stream().filter(letter -> canSee(official, letter)).toList();
  }

  public Letter visibleLetter(Official official, long letterId) {
    Letter letter = letter(letterId);
    if (!canSee(official, letter)) {
      throw new AccessDeniedException("Letter " + letterId + " belongs to another unit");
    }
    return letter;
  }

  /** The letter as a whole HTML document: the archived one once signed and archived, else as it stands. */
  public String document(Letter letter) {
    return letter.archivedDocument() != null ? letter.archivedDocument() : render(letter);
  }

  private String render(Letter letter) {
    String issuer = documents.issuerName(letter.issuerUnitCode() == null ? null : unit(letter.issuerUnitCode()));
    return documents.document(letter, unit(letter.unitCode()).name(), issuer);
  }

  private static boolean canSee(Official official, Letter letter) {
    return official.canSee(letter.unitCode())
        || letter.issuerUnitCode() != null && official.unitCodes().contains(letter.issuerUnitCode());
  }

  private ResponsibilityList commonList(UnitType type, int year) {
    return lists.commonList(type, year).orElseThrow(() -> new InvalidInputException(
        year + "年度" + type.label() + "共性清单尚未发布，无法下发目标责任书"));
  }

  private Letter letter(long id) {
    return letters.findById(id).orElseThrow(() -> new NotFoundException("责任书不存在"));
  }

  /** The name of the level that issued the letter (甲方), as the letter names it. */
  String issuerName(Letter letter) {
    return documents.issuerName(letter.issuerUnitCode() == null ? null : unit(letter.issuerUnitCode()));
  }

  String unitName(Letter letter) {
    return unit(letter.unitCode()).name();
  }

  Unit unit(String code) {
    return units.findByCode(code).orElseThrow(() -> new NotFoundException("单位不存在或已撤销"));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static String required(String value, String message, int maxLength) {
    return FormInputs.requiredText(value, maxLength, message, "内容过长，最多" + maxLength + "字");
  }

}
