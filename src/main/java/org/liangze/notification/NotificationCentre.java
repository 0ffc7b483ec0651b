package org.liangze.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.liangze.organisation.Official;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Post;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 通知中心: what was sent to whom, when, by which channel, and whether it arrived. The district's posts (the
 * discipline commission, the district committee, administrators) read every notification; everyone else only their
 * own ("我的通知"). Newest first, {@value #PAGE_SIZE} a page.
 */
@Service
public class NotificationCentre {

  public static final int PAGE_SIZE = 50;
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** One row as the page and the API show it. */
  public record Row(long id, String recipientName, String recipientUnit, String subject, String kind,
      String kindLabel, String channel, String channelLabel, Instant createdAt, String created, Instant sentAt,
      String sent, String status, String statusLabel, int attempts, String failureReason, Instant deliverAfter,
      String waitsUntil) {
  }

  /** One page of rows; {@code everyone} says whether the caller reads all notifications or only their own. */
  public record Page(boolean everyone, long total, int page, int pages, int pageSize, List<Row> rows) {
  }

  /** A choice of a select: what is sent, what is shown. */
  public record Choice(String value, String label) {
  }

  private final NotificationRepository repository;
  private final List<NotificationChannel> channels;
  private final PersonRepository people;
  private final UnitRepository units;
  private final IdentityService identity;
  private final Clock clock;

  NotificationCentre(NotificationRepository repository, List<NotificationChannel> channels, PersonRepository people,
      UnitRepository units, IdentityService identity, Clock clock) {
    this.repository = repository;
    this.channels = channels;
    this.people = people;
    this.units = units;
    this.identity = identity;
    this.clock = clock;
  }

  /** Whether this caller reads every notification (else only their own). */
  public boolean readsEveryone(Official caller) {
    return caller.districtWide();
  }

  /**
   * Parses the filters as they come from the page or the API; a bad one is an {@link InvalidInputException} with a
   * Chinese message. Blank means "all".
   */
  public NotificationFilter parse(String recipient, String kind, String channel, String status, String from,
      String to, String page) {
    String who = blank(recipient) ? null : recipient.trim();
    NotificationKind kindValue = blank(kind) ? null : parseEnum(NotificationKind.class, kind, "未知的通知类型");
    String channelValue = null;
    if (!blank(channel)) {
      channelValue = channels.stream().map(NotificationChannel::name).filter(channel.trim()::equals).findFirst()
          .orElseThrow(() -> new InvalidInputException("未知的发送渠道"));
    }
    DeliveryStatus statusValue = blank(status) ? null : parseEnum(DeliveryStatus.class, status, "未知的发送状态");
    LocalDate fromDay = day(from, "起始日期");
    LocalDate toDay = day(to, "截止日期");
    if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
      throw new InvalidInputException("起始日期不能晚于截止日期");
    }
    int pageNumber = 1;
    if (!blank(page)) {
      try {
        pageNumber = Integer.parseInt(page.trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("页码应为正整数");
      }
      if (pageNumber < 1) {
        throw new InvalidInputException("页码应为正整数");
      }
    }
    ZoneId zone = clock.getZone();
    return new NotificationFilter(who, kindValue, channelValue, statusValue, fromDay, toDay,
        fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
        toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant(), pageNumber);
  }

  /** The page of notifications the filter selects that the caller may read. */
  @Transactional(readOnly = true)
  public Page search(Official caller, NotificationFilter filter) {
    boolean everyone = readsEveryone(caller);
    if (everyone && filter.recipient() != null && !repository.wasNotified(filter.recipient())
        && people.find(filter.recipient()).isEmpty()) {
      throw new InvalidInputException("所选收件人不存在");
    }
    String only = everyone ? null : caller.userId();
    long total = repository.count(filter, only);
    int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    Map<String, Recipient> recipients = new HashMap<>();
    Map<String, String> unitNames = new HashMap<>();
    List<Row> rows = repository.page(filter, only, (filter.page() - 1) * PAGE_SIZE, PAGE_SIZE).stream()
        .map(sent -> {
          Recipient recipient = recipients.computeIfAbsent(sent.recipientUserId(),
              userId -> recipient(userId, unitNames));
          return new Row(sent.id(), recipient.name(), recipient.unit(), sent.subject(), sent.kind().name(),
              sent.kind().label(), sent.channel(), channelLabel(sent.channel()), sent.createdAt(),
              shown(sent.createdAt()), sent.sentAt(), shown(sent.sentAt()), sent.status().name(),
              sent.status().label(), sent.attempts(), sent.failureReason(), sent.deliverAfter(),
              sent.status() == DeliveryStatus.PENDING && sent.deliverAfter() != null
                  && sent.deliverAfter().isAfter(clock.instant()) ? shown(sent.deliverAfter()) : null);
        })
        .toList();
    return new Page(everyone, total, filter.page(), pages, PAGE_SIZE, rows);
  }

  /**
   * Everyone who was ever sent something, by name and unit, for the recipient picker: the district's people and
   * units read once (a few queries, however many recipients).
   */
  @Transactional(readOnly = true)
  public List<Choice> recipientChoices() {
    Map<String, Person> everyone = people.findAll().stream()
        .collect(Collectors.toMap(Person::userId, person -> person, (a, b) -> a));
    Map<String, String> unitNames = units.findAll().stream()
        .collect(Collectors.toMap(Unit::code, Unit::name, (a, b) -> a, HashMap::new));
    Map<String, String> former = new HashMap<>();
    return repository.recipients().stream()
        .map(userId -> {
          Person person = everyone.get(userId);
          Recipient recipient;
          if (person != null) {
            recipient = of(person, unitNames);
          } else {
            if (former.isEmpty()) {
              former.putAll(people.names());
            }
            recipient = former.containsKey(userId) ? new Recipient(former.get(userId), "已不在岗")
                : platformAccount(userId);
          }
          return new Choice(userId, recipient.unit().isEmpty() ? recipient.name()
              : recipient.name() + "（" + recipient.unit() + "）");
        })
        .sorted(Comparator.comparing(Choice::label, java.text.Collator.getInstance(java.util.Locale.CHINA)))
        .toList();
  }

  public List<Choice> kindChoices() {
    return java.util.Arrays.stream(NotificationKind.values()).map(k -> new Choice(k.name(), k.label())).toList();
  }

  public List<Choice> statusChoices() {
    return java.util.Arrays.stream(DeliveryStatus.values()).map(s -> new Choice(s.name(), s.label())).toList();
  }

  public List<Choice> channelChoices() {
    Map<String, String> byName = new LinkedHashMap<>();
    channels.stream().sorted(Comparator.comparing(NotificationChannel::name))
        .forEach(c -> byName.put(c.name(), c.label()));
    return byName.entrySet().stream().map(e -> new Choice(e.getKey(), e.getValue())).toList();
  }

  private record Recipient(String name, String unit) {
  }

  private Recipient recipient(String userId, Map<String, String> unitNames) {
    Optional<Person> person = people.find(userId);
    if (person.isPresent()) {
      return of(person.get(), unitNames);
    }
    String former = people.names().get(userId);
    return former != null ? new Recipient(former, "已不在岗") : platformAccount(userId);
  }

  private Recipient of(Person person, Map<String, String> unitNames) {
    return new Recipient(person.name(), person.posts().stream().map(post -> postPlace(post, unitNames)).distinct()
        .collect(Collectors.joining("、")));
  }

  /** Someone known only to the engine (an administrator's account): their Camunda name. */
  private Recipient platformAccount(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    String name = user == null ? null
        : ((user.getLastName() == null ? "" : user.getLastName()) + (user.getFirstName() == null ? ""
            : user.getFirstName())).trim();
    return new Recipient(name == null || name.isEmpty() ? "平台账户" : name, "");
  }

  private String postPlace(Post post, Map<String, String> unitNames) {
    if (post.unitCode() == null) {
      return post.role().label();
    }
    return unitNames.computeIfAbsent(post.unitCode(),
        code -> units.findByCode(code).map(Unit::name).orElse("已撤销单位"));
  }

  private String channelLabel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).map(NotificationChannel::label).findFirst()
        .orElse("其他渠道");
  }

  private String shown(Instant at) {
    return at == null ? "" : SHOWN.format(at.atZone(clock.getZone()));
  }

  private static LocalDate day(String text, String what) {
    if (blank(text)) {
      return null;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(what + "格式不正确，应为“年-月-日”，例如 2026-12-03");
    }
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String message) {
    try {
      return Enum.valueOf(type, text.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(message);
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
