package org.liangze.letter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListKind;
import org.liangze.lists.Responsibility;
import org.liangze.lists.ResponsibilityList;
import org.liangze.organisation.DistrictProperties;
import org.liangze.organisation.Unit;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Writes letters: the body when a letter is issued, the whole document for download and archive. */
@Component
class LetterDocuments {

  private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final ITemplateEngine templates;
  private final DistrictProperties district;
  private final Clock clock;

  LetterDocuments(ITemplateEngine templates, DistrictProperties district, Clock clock) {
    this.templates = templates;
    this.district = district;
    this.clock = clock;
  }

  static String title(Unit unit, int year) {
    return unit.name() + year + "年度党风廉政建设目标责任书";
  }

  record Line(String source, ListItem item) {
  }

  record Section(String title, List<Line> lines) {
  }

  /** The issuing level (甲方) as a letter names it: the district committee (issuer null) or the unit above. */
  String issuerName(Unit issuer) {
    return issuer == null ? "中共" + district.name() + "委员会" : issuer.name() + "党组织";
  }

  String body(Unit unit, String issuer, int year, ResponsibilityList common, ResponsibilityList tailored,
      int revision, String revisionNote) {
    List<Section> sections = new ArrayList<>();
    for (Responsibility responsibility : Responsibility.values()) {
      List<Line> lines = new ArrayList<>(lines(common, responsibility));
      if (tailored != null) {
        lines.addAll(lines(tailored, responsibility));
      }
      sections.add(new Section(responsibility.label() + "清单", lines));
    }
    Context context = new Context();
    context.setVariables(Map.of("district", district.name(), "issuer", issuer, "unit", unit, "year", year,
        "sections", sections, "revision", revision));
    context.setVariable("revisionNote", revisionNote);
    return templates.process("letter/body", context);
  }

  String document(Letter letter, String unitName, String issuer) {
    Context context = new Context();
    context.setVariables(Map.of("letter", letter, "unitName", unitName, "district", district.name(),
        "issuer", issuer, "issuedOn", onDistrictDate(letter.issuedAt())));
    context.setVariable("signedOn", letter.signedAt() == null ? null : onDistrictDate(letter.signedAt()));
    context.setVariable("countersignedOn",
        letter.countersignedAt() == null ? null : onDistrictDate(letter.countersignedAt()));
    return templates.process("letter/document", context);
  }

  /** A short plain-text summary for the Tasklist form, well below Camunda's 4,000-character string limit. */
  static String summary(ResponsibilityList common, ResponsibilityList tailored) {
    StringBuilder text = new StringBuilder();
    long main = common.items().stream().filter(i -> i.responsibility() == Responsibility.MAIN).count();
    text.append(common.kindLabel()).append(common.items().size()).append("项（主体责任").append(main)
        .append("项、监督责任").append(common.items().size() - main).append("项）");
    if (tailored == null) {
      text.append("；本单位尚无个性清单。");
      return text.toString();
    }
    text.append("；").append(ListKind.TAILORED.label()).append(tailored.items().size()).append("项：");
    for (int i = 0; i < tailored.items().size() && text.length() < 2500; i++) {
      ListItem item = tailored.items().get(i);
      text.append("\n").append(i + 1).append(". 【").append(item.responsibility().label()).append("】")
          .append(item.category()).append("：").append(item.content());
    }
    return text.toString();
  }

  private static List<Line> lines(ResponsibilityList list, Responsibility responsibility) {
    return list.items().stream()
        .filter(item -> item.responsibility() == responsibility)
        .map(item -> new Line(list.kindLabel(), item))
        .toList();
  }

  private String onDistrictDate(OffsetDateTime time) {
    return CHINESE_DATE.format(time.atZoneSameInstant(clock.getZone()));
  }
}
