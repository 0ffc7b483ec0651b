package org.liangze.letter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.liangze.lists.ListService;
import org.liangze.lists.ResponsibilityList;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The responsibility letter (一书): issued to every unit from the common list and its tailored list, signed or
 * objected to by the unit secretary, revised by the committee, archived once signed. Every change moves a letter
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
  private final Clock clock;

  LetterService(LetterRepository letters, UnitRepository units, ListService lists, LetterDocuments documents,
      Clock clock) {
    this.letters = letters;
    this.units = units;
    this.lists = lists;
    this.documents = documents;
    this.clock = clock;
  }

  /**
   * Issues the year's letter to every active unit that has none yet, with the common list of the unit's type;
   * returns how many were issued.
   */
  @Transactional
  public int issueAll(int year) {
    Map<UnitType, ResponsibilityList> commonLists = new EnumMap<>(UnitType.class);
    int issued = 0;
    for (Unit unit : units.findAllActive()) {
      if (letters.exists(unit.code(), year)) {
        continue;
      }
      // each unit's letter carries the common list of its unit type
      ResponsibilityList common = commonLists.computeIfAbsent(unit.type(), type -> commonList(type, year));
      ResponsibilityList tailored = lists.tailoredList(unit.code(), year).orElse(null);
      letters.insert(unit.code(), year, LetterDocuments.title(unit, year),
          documents.body(unit, year, common, tailored, 1, null), common.id(),
          tailored == null ? null : tailored.id(), now());
      issued++;
    }
    return issued;
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
    String name = required(signature, "签名不能为空，请输入本人姓名", MAX_SIGNATURE);
    if (signerId == null) {
      throw new InvalidInputException("无法确认签订人身份，请登录后签订");
    }
    if (!letters.sign(letterId, signerId, name, now())) {
      throw new InvalidInputException("该责任书当前不处于待签订状态");
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
    letters.reissue(letterId, revisionNote,
        documents.body(unit, letter.year(), common, tailored, revision, revisionNote), now());
  }

  /** Freezes a signed letter as the document it was signed as. */
  @Transactional
  public void archive(long letterId) {
    Letter letter = letter(letterId);
    if (letter.status() == LetterStatus.SIGNED) {
      letters.archive(letterId, documents.document(letter, unit(letter.unitCode()).name()), now());
    }
  }

  public List<Letter> visibleLetters(Official official, int year) {
    return letters.summariesOfYear(year).stream().filter(letter -> official.canSee(letter.unitCode())).toList();
  }

  public Letter visibleLetter(Official official, long letterId) {
    Letter letter = letter(letterId);
    if (!official.canSee(letter.unitCode())) {
      throw new AccessDeniedException("Letter " + letterId + " belongs to another unit");
    }
    return letter;
  }

  /** The letter as a whole HTML document: the archived one once signed and archived, else as it stands. */
  public String document(Letter letter) {
    return letter.archivedDocument() != null
        ? letter.archivedDocument()
        : documents.document(letter, unit(letter.unitCode()).name());
  }

  private ResponsibilityList commonList(UnitType type, int year) {
    return lists.commonList(type, year).orElseThrow(() -> new InvalidInputException(
        year + "年度" + type.label() + "共性清单尚未发布，无法下发目标责任书"));
  }

  private Letter letter(long id) {
    return letters.findById(id).orElseThrow(() -> new NotFoundException("责任书不存在：" + id));
  }

  private Unit unit(String code) {
    return units.findByCode(code).orElseThrow(() -> new NotFoundException("单位不存在：" + code));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static String required(String value, String message, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(message);
    }
    String trimmed = value.strip();
    if (trimmed.length() > maxLength) {
      throw new InvalidInputException("内容过长，最多" + maxLength + "字");
    }
    return trimmed;
  }
}
