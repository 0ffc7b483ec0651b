package org.liangze.imports;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.liangze.imports.OrganisationState.PersonState;
import org.liangze.organisation.FirstPasswords;
import org.liangze.organisation.OrganisationChanged;
import org.liangze.platform.EngineExclusiveLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organisation import: reads the files, checks every row, and — unless it is a dry run or anything is wrong —
 * applies the whole organisation in one transaction, publishes {@link OrganisationChanged} in it (identity follows
 * after the commit) and issues the added people's first passwords, which the importing administrator downloads once.
 * Every import is kept with its report.
 */
@Service
public class OrganisationImports {

  private static final Logger log = LoggerFactory.getLogger(OrganisationImports.class);
  /** The column headers, for callers that bring rows rather than files ({@link #importRows}). */
  public static final class Columns {
    public static final String UNIT_CODE = ImportSheets.UNIT_CODE;
    public static final String UNIT_NAME = ImportSheets.UNIT_NAME;
    public static final String UNIT_TYPE = ImportSheets.UNIT_TYPE;
    public static final String PARENT_CODE = ImportSheets.PARENT_CODE;
    public static final String LOGIN = ImportSheets.LOGIN;
    public static final String NAME = ImportSheets.NAME;
    public static final String POST = ImportSheets.POST;
    public static final String MOBILE = ImportSheets.MOBILE;
    public static final String EMAIL = ImportSheets.EMAIL;

    private Columns() {
    }
  }

  /**
   * One import at a time on this node; across nodes, an apply holds Camunda's exclusive lock until it commits
   * ({@link EngineExclusiveLock}), so the plan is computed from the state it applies to.
   */
  private static final ReentrantLock APPLYING = new ReentrantLock();

  private final OrganisationFiles files;
  private final CommonListRows commonListRows;
  private final OrganisationStore store;
  private final OpenTasksOfUnits openWork;
  private final ImportHistory history;
  private final FirstPasswords firstPasswords;
  private final FirstPasswordDownloads downloads;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final CommandExecutor engineCommands;
  private final Clock clock;
  private final Set<String> reservedLogins;

  OrganisationImports(OrganisationFiles files, CommonListRows commonListRows, OrganisationStore store, OpenTasksOfUnits openWork,
      ImportHistory history, FirstPasswords firstPasswords, FirstPasswordDownloads downloads,
      ApplicationEventPublisher events, TransactionTemplate transaction, ProcessEngineConfigurationImpl engine,
      Clock clock, @Value("${camunda.bpm.admin-user.id:admin}") String adminUser) {
    this.files = files;
    this.commonListRows = commonListRows;
    this.store = store;
    this.openWork = openWork;
    this.history = history;
    this.firstPasswords = firstPasswords;
    this.downloads = downloads;
    this.events = events;
    this.transaction = transaction;
    this.engineCommands = engine.getCommandExecutorTxRequired();
    this.clock = clock;
    this.reservedLogins = Set.of(adminUser);
  }

  /** An Excel workbook with the sheets 单位 and 人员. */
  public ImportReport importWorkbook(UploadedFile workbook, boolean dryRun, String actor) {
    return run(List.of(workbook), files.readWorkbook(workbook), dryRun, actor, true);
  }

  /** The CSV files of the 单位 and 人员 sheets; either may be null (that part stays as it is). */
  public ImportReport importCsv(UploadedFile units, UploadedFile people, boolean dryRun, String actor) {
    List<UploadedFile> given = new ArrayList<>();
    if (units != null) {
      given.add(units);
    }
    if (people != null) {
      given.add(people);
    }
    return run(given, files.readCsv(units, people), dryRun, actor, true);
  }

  /**
   * Rows that did not come from a file (the demo district): the same checks and the same apply, without first
   * passwords (the demo profile has its own).
   */
  public ImportReport importRows(String source, List<Map<String, String>> units, List<Map<String, String>> people,
      String actor) {
    List<SheetRow> unitRows = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      unitRows.add(new SheetRow(i + 2, units.get(i)));
    }
    List<SheetRow> peopleRows = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      peopleRows.add(new SheetRow(i + 2, people.get(i)));
    }
    UploadedFile file = new UploadedFile(source, source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return run(List.of(file), new ParsedSheets(unitRows, peopleRows, List.of()), false, actor, false);
  }

  private ImportReport run(List<UploadedFile> given, ParsedSheets sheets, boolean dryRun, String actor,
      boolean issuePasswords) {
    String names = String.join("，", given.stream().map(UploadedFile::name).toList());
    String sm3 = String.join(",", given.stream().map(file -> sm3(file.content())).toList());
    APPLYING.lock();
    try {
      Instant now = clock.instant();
      record Outcome(ImportReport report, ImportPlan plan, Map<String, String> passwords) {
      }
      Outcome outcome = transaction.execute(status -> {
        if (!dryRun) {
          // another node's apply commits first, and this one plans from what it left
          EngineExclusiveLock.holdUntilCommit(engineCommands);
        }
        OrganisationState current = store.read();
        ImportPlan plan = new ImportPlanner(current, openWork, reservedLogins).plan(sheets, dryRun);
        List<CommonListRows.Group> lists = List.of();
        ImportReport report = plan.report();
        if (sheets.commonList() != null) {
          List<ImportProblem> listProblems = new ArrayList<>();
          lists = commonListRows.groups(sheets.commonList(), listProblems);
          List<ImportReport.CommonListDraft> drafts = listProblems.isEmpty()
              ? commonListRows.preview(lists, listProblems) : List.of();
          report = report.withCommonLists(drafts, listProblems);
        }
        if (report.hasProblems() || dryRun) {
          long id = history.add(actor, now, names, sm3, report);
          return new Outcome(report.with(id, false, null), plan, Map.of());
        }
        store.apply(plan, now);
        commonListRows.importDrafts(lists, report.commonLists(), actor);
        Map<String, String> passwords = issuePasswords && !plan.addedLogins().isEmpty()
            ? firstPasswords.issue(plan.addedLogins()) : Map.of();
        ImportReport applied = report.with(null, true, null);
        long id = history.add(actor, now, names, sm3, applied);
        OrganisationChanged changed = new OrganisationChanged(plan.addedLogins(), plan.changedLogins(),
            plan.peopleLeaving(), plan.unitsToRetire(),
            plan.unitsToWrite().stream().map(OrganisationState.UnitState::code).collect(Collectors.toSet()), actor);
        if (!changed.isEmpty()) {
          // listeners act after the commit (identity, sessions, claimed tasks) or within it
          events.publishEvent(changed);
        }
        return new Outcome(applied.with(id, true, null), plan, passwords);
      });
      ImportReport report = outcome.report();
      log.info("Organisation import {} by {} ({}): {} problems, units {}, people {}", report.importId(), actor,
          dryRun ? "dry run" : report.applied() ? "applied" : "refused", report.problems().size(), report.units(),
          report.people());
      if (outcome.passwords().isEmpty()) {
        return report;
      }
      Map<String, PersonState> people = new java.util.HashMap<>();
      outcome.plan().peopleToWrite().forEach(person -> people.put(person.login(), person));
      List<FirstPasswordDownloads.Line> lines = outcome.passwords().entrySet().stream()
          .map(entry -> {
            PersonState person = people.get(entry.getKey());
            return new FirstPasswordDownloads.Line(entry.getKey(), person.name(),
                OrganisationStore.postsText(person.posts(), outcome.plan().targetUnits()), entry.getValue());
          })
          .toList();
      String token = downloads.offer(actor, lines);
      return report.with(report.importId(), true, "/api/organisation/first-passwords/" + token + ".xlsx");
    } finally {
      APPLYING.unlock();
    }
  }

  static String sm3(byte[] content) {
    SM3Digest digest = new SM3Digest();
    digest.update(content, 0, content.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }
}
