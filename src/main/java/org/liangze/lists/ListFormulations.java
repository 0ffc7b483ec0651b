package org.liangze.lists;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.ConflictException;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that starts the list formulation process. A unit formulates its tailored list once a year: the
 * start event claims the unit and year in {@code list_formulations}, whose primary key refuses a second
 * formulation however the start arrives (this service, Tasklist or the engine REST API) and however two starts
 * race. Only the discipline commission (or an administrator) and the unit's own secretary may start one.
 */
@Service
public class ListFormulations {


  private final RuntimeService runtimeService;
  private final ListFormulationRepository formulations;
  private final ListService lists;
  private final UnitRepository units;
  private final Groups groups;
  private final Clock clock;

  private final ItemResponsibles responsibles;

  ListFormulations(RuntimeService runtimeService, ListFormulationRepository formulations, ListService lists,
      UnitRepository units, Groups groups, ItemResponsibles responsibles, Clock clock) {
    this.runtimeService = runtimeService;
    this.responsibles = responsibles;
    this.formulations = formulations;
    this.lists = lists;
    this.units = units;
    this.groups = groups;
    this.clock = clock;
  }

  public record Started(String unitCode, int year, String processInstanceId) {
  }

  /** What the start event hands the process: the claimed unit and year and the pre-filled draft. */
  record Registered(String unitCode, String unitName, int year, long listId, List<ListItem> items,
      String draftBasis, String commonList) {
  }

  /** Starts the unit's formulation of the year as the engine's current user, whose authorizations apply. */
  @Transactional
  public Started start(String unitCode, String yearText) {
    int year = FormInputs.year(yearText);
    Unit unit = unit(unitCode);
    if (formulations.processInstanceOf(unit.code(), year).isPresent()) {
      throw alreadyStarted(unit, year);
    }
    try {
      String id = runtimeService.startProcessInstanceByKey(ListFormulationProcess.KEY,
          ListFormulationProcess.businessKey(unit.code(), year),
          Map.of(Variables.UNIT_CODE, unit.code(), Variables.YEAR, year)).getId();
      return new Started(unit.code(), year, id);
    } catch (FormulationAlreadyStartedException | DuplicateKeyException e) {
      throw alreadyStarted(unit, year);
    }
  }

  /**
   * Called by the start event of every formulation, however it was started: checks the unit, the year and who
   * starts it, claims the unit's year, and opens the draft pre-filled with what the platform already knows (the
   * unit's list of this year if published, else its newest earlier one).
   */
  @Transactional
  Registered register(Object unitValue, Object yearValue, String processInstanceId, Authentication user) {
    Unit unit = unit(unitValue instanceof String code ? code : null);
    int year = FormInputs.year(yearValue);
    if (user != null && !mayStart(user, unit.code())) {
      throw new AuthorizationException("User " + user.getUserId() + " may not start the list formulation of "
          + unit.code());
    }
    try {
      formulations.insert(unit.code(), year, processInstanceId, user == null ? null : user.getUserId(), now());
    } catch (DuplicateKeyException e) {
      throw new FormulationAlreadyStartedException(unit, year);
    }
    ResponsibilityList basis = lists.draftBasis(unit.code(), year).orElse(null);
    // the draft starts with the responsibles still valid, the inspector on supervisory items, the secretary leading
    List<ListItem> items = responsibles.defaults(unit.code(), basis == null ? List.of() : basis.items(), false);
    long listId = lists.createDraft(unit.code(), year, items);
    formulations.setList(unit.code(), year, listId);
    String basisText = basis == null
        ? "本单位尚无个性清单，请逐项填写。"
        : "已按本单位" + basis.versionLabel() + "个性清单预填，请结合本年度实际逐项修改，不要照搬。";
    String common = lists.commonList(unit.type(), year).map(list -> ListTexts.summary(list.items()))
        .orElse(year + "年度" + unit.type().label() + "共性清单尚未发布。");
    return new Registered(unit.code(), unit.name(), year, listId, items, basisText, common);
  }

  /** The commission and administrators start any unit's list formulation, a unit's secretary their own. */
  boolean mayStart(Authentication user, String unitCode) {
    List<String> groupIds = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    return groupIds.contains(Groups.DISCIPLINE_COMMISSION) || groupIds.contains(Groups.ADMINISTRATORS)
        || groupIds.contains(groups.secretaryOf(unitCode));
  }

  private Unit unit(String code) {
    if (code == null || code.isBlank()) {
      throw new InvalidInputException("请指定单位");
    }
    Unit unit = units.findByCode(code.strip())
        .orElseThrow(() -> new InvalidInputException("没有这个单位，请从列表中选择单位"));
    if (!unit.active()) {
      throw new InvalidInputException(unit.name() + "已撤销，不能制定个性清单");
    }
    return unit;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static ConflictException alreadyStarted(Unit unit, int year) {
    return new ConflictException(unit.name() + year + "年度清单制定已经启动，不能重复启动");
  }

  /** A second start of a unit's year, refused inside the engine (answered 400 by the engine REST API). */
  static class FormulationAlreadyStartedException extends InvalidInputException {
    FormulationAlreadyStartedException(Unit unit, int year) {
      super(unit.name() + year + "年度清单制定已经启动，不能重复启动");
    }
  }
}
