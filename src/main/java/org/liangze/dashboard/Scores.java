package org.liangze.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes and stores unit scores (DESIGN §5), ranked within their unit type. The score computation job
 * ({@link ScoreComputationProcess}) computes them a page of units at a time ({@link #computeUnits}) and then ranks
 * each period it touched ({@link #rank}); the dashboard only reads what is stored ({@link #stored}). Scores are
 * stored per formula version: recomputing under the same version refreshes that version's rows, a new version adds
 * rows of its own and leaves the old ones as they were. A version is registered with its definition the first time
 * it is used; reusing it with other numbers is refused.
 */
@Service
public class Scores {

  private static final TypeReference<List<ScoreFormula.Component>> COMPONENTS = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final ScoreInputsReader inputs;
  private final UnitRepository units;
  private final ObjectMapper json;
  private final ObjectReader componentsReader;
  private final Clock clock;
  private final ScoreFormula formula;

  Scores(JdbcClient jdbc, JdbcTemplate batch, ScoreInputsReader inputs, UnitRepository units, ObjectMapper json,
      Clock clock, ScoringProperties properties) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.inputs = inputs;
    this.units = units;
    this.json = json;
    this.componentsReader = json.readerFor(COMPONENTS);
    this.clock = clock;
    this.formula = new ScoreFormula(properties);
  }

  public ScoreFormula formula() {
    return formula;
  }

  /** Computes, stores and ranks the period's scores of every active unit under the current formula, at once. */
  @Transactional
  public List<UnitScore> compute(Period period) {
    return compute(period, formula);
  }

  /** As {@link #compute(Period)} under the given formula (tests, and a supervisor trying a new formula). */
  @Transactional
  public List<UnitScore> compute(Period period, ScoreFormula using) {
    register(using);
    computeUnits(period, units.findAllActive(), using);
    rank(period, using.version());
    return stored(period, using.version());
  }

  /**
   * Computes and stores the period's scores of these units (a page of the job) under the current formula. Their
   * ranks are those stored before (0 for a unit scored for the first time) until {@link #rank} ranks the period.
   *
   * @return how many units were scored (active units among the codes)
   */
  @Transactional
  public int computeUnits(Period period, Collection<String> unitCodes) {
    Set<String> wanted = new HashSet<>(unitCodes);
    return computeUnitsOf(period, units.findAllActive().stream().filter(u -> wanted.contains(u.code())).toList());
  }

  /** As {@link #computeUnits(Period, Collection)} for units already read (the job reads a page's units once). */
  @Transactional
  public int computeUnitsOf(Period period, List<Unit> page) {
    register(formula);
    computeUnits(period, page, formula);
    return page.size();
  }

  private void computeUnits(Period period, List<Unit> page, ScoreFormula using) {
    if (page.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<String> codes = page.stream().map(Unit::code).toList();
    Map<String, ScoreInputs> counted = inputs.of(period, codes);
    Set<String> existing = new HashSet<>(jdbc.sql("""
            select unit_code from unit_scores where period = :period and formula_version = :version
               and unit_code in (:units)""")
        .param("period", period.toString()).param("version", using.version()).param("units", codes)
        .query(String.class).list());
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> inserts = new ArrayList<>();
    Timestamp at = Timestamp.from(now);
    for (Unit unit : page) {
      ScoreFormula.Result result = using.compute(unit.code(), period,
          counted.getOrDefault(unit.code(), ScoreInputsReader.NONE));
      String components = write(result.components());
      if (existing.contains(unit.code())) {
        updates.add(new Object[] {result.score(), components, unit.type().name(), at, unit.code(), period.toString(),
            using.version()});
      } else {
        inserts.add(new Object[] {unit.code(), period.toString(), period.kind(), using.version(), result.score(), 0,
            0, components, unit.type().name(), at});
      }
    }
    if (!updates.isEmpty()) {
      batch.batchUpdate("""
          update unit_scores set score = ?, components = ?, unit_type = ?, computed_at = ?
           where unit_code = ? and period = ? and formula_version = ?""", updates);
    }
    if (!inserts.isEmpty()) {
      batch.batchUpdate("""
          insert into unit_scores (unit_code, period, period_kind, formula_version, score, rank_in_type,
                                   units_in_type, components, unit_type, computed_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
    }
  }

  /**
   * Ranks the period's stored scores under the current formula within each unit type (competition ranking: 1, 1, 3),
   * among the active units; writes only the ranks that changed.
   */
  @Transactional
  public void rank(Period period) {
    rank(period, formula.version());
  }

  private void rank(Period period, String version) {
    Map<String, UnitType> types = units.findAllActive().stream()
        .collect(Collectors.toMap(Unit::code, Unit::type, (a, b) -> a));
    record Row(String unit, UnitType type, BigDecimal score, int rank, int peers) {
    }
    List<Row> rows = jdbc.sql("""
            select unit_code, score, rank_in_type, units_in_type from unit_scores
             where period = :period and formula_version = :version""")
        .param("period", period.toString()).param("version", version)
        .query((rs, n) -> new Row(rs.getString(1), types.get(rs.getString(1)), rs.getBigDecimal(2), rs.getInt(3),
            rs.getInt(4)))
        .list().stream().filter(r -> r.type() != null).toList();
    Map<UnitType, List<BigDecimal>> byType = new HashMap<>();
    rows.forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r.score()));
    byType.values().forEach(scores -> scores.sort(Comparator.reverseOrder()));
    List<Object[]> changed = new ArrayList<>();
    for (Row row : rows) {
      List<BigDecimal> peers = byType.get(row.type());
      int rank = 1;
      while (rank <= peers.size() && peers.get(rank - 1).compareTo(row.score()) > 0) {
        rank++;
      }
      if (rank != row.rank() || peers.size() != row.peers()) {
        changed.add(new Object[] {rank, peers.size(), row.unit(), period.toString(), version});
      }
    }
    if (!changed.isEmpty()) {
      batch.batchUpdate("""
          update unit_scores set rank_in_type = ?, units_in_type = ?
           where unit_code = ? and period = ? and formula_version = ?""", changed);
    }
  }

  static final Comparator<UnitScore> RANKING = Comparator.comparing(UnitScore::unitType)
      .thenComparingInt(UnitScore::rankInType).thenComparing(UnitScore::unitCode);

  /** The stored scores of a period under a formula version, ranked within each unit type; reads only. */
  public List<UnitScore> stored(Period period, String version) {
    return stored(period, version, units.findAllActive());
  }

  /** As {@link #stored(Period, String)} for the active units already read (the dashboard reads them once). */
  List<UnitScore> stored(Period period, String version, List<Unit> active) {
    Map<String, Unit> byCode = active.stream()
        .collect(Collectors.toMap(Unit::code, u -> u, (a, b) -> a, LinkedHashMap::new));
    List<UnitScore> rows = jdbc.sql("""
            select unit_code, score, rank_in_type, units_in_type, components, computed_at from unit_scores
             where period = :period and formula_version = :version""")
        .param("period", period.toString()).param("version", version)
        .query((rs, n) -> {
          Unit unit = byCode.get(rs.getString(1));
          return unit == null ? null : new UnitScore(unit.code(), unit.name(), unit.type(), period.toString(),
              version, rs.getBigDecimal(2), rs.getInt(3), rs.getInt(4), components(rs.getString(5)),
              rs.getTimestamp(6).toInstant());
        }).list();
    return rows.stream().filter(java.util.Objects::nonNull).sorted(RANKING).toList();
  }

  /**
   * The stored score values of these periods under a formula version (period → unit code → score), without their
   * components or ranks: what a trend needs, in one query.
   */
  Map<Period, Map<String, BigDecimal>> storedValues(Collection<Period> periods, String version) {
    Map<Period, Map<String, BigDecimal>> values = new HashMap<>();
    periods.forEach(p -> values.put(p, new HashMap<>()));
    if (periods.isEmpty()) {
      return values;
    }
    jdbc.sql("select period, unit_code, score from unit_scores where formula_version = :version and period in (:periods)")
        .param("version", version).param("periods", periods.stream().map(Period::toString).toList())
        .query((rs, n) -> values.get(Period.parse(rs.getString(1))).put(rs.getString(2), rs.getBigDecimal(3)))
        .list();
    return values;
  }

  /** The stored scores of a period under the current formula. */
  public List<UnitScore> stored(Period period) {
    return stored(period, formula.version());
  }

  /** A unit's score of a period under the given version, if stored. */
  public Optional<UnitScore> stored(String unitCode, Period period, String version) {
    return stored(period, version).stream().filter(s -> s.unitCode().equals(unitCode)).findFirst();
  }

  /**
   * How many of these units have no score of the period under the current formula, and the oldest computation among
   * their stored scores (null when none): the job sweeps the district when a score is missing or too old.
   */
  public record Freshness(long missing, Instant oldest) {
  }

  public Freshness freshness(Period period, Collection<String> unitCodes) {
    Set<String> missing = new HashSet<>(unitCodes);
    Instant[] oldest = {null};
    jdbc.sql("select unit_code, computed_at from unit_scores where period = :period and formula_version = :version")
        .param("period", period.toString()).param("version", formula.version())
        .query((rs, n) -> {
          if (missing.remove(rs.getString(1))) {
            Instant at = rs.getTimestamp(2).toInstant();
            oldest[0] = oldest[0] == null || at.isBefore(oldest[0]) ? at : oldest[0];
          }
          return null;
        }).list();
    return new Freshness(missing.size(), oldest[0]);
  }

  /** The periods with a score computed under the current formula at or after the given time. */
  public List<Period> scoredSince(Instant since) {
    return jdbc.sql("""
            select distinct period from unit_scores where formula_version = :version and computed_at >= :since""")
        .param("version", formula.version()).param("since", Timestamp.from(since))
        .query(String.class).list().stream().map(Period::parse).toList();
  }

  /** The definition a formula version was registered with. */
  public Optional<String> definitionOf(String version) {
    return jdbc.sql("select definition from score_formulas where formula_version = ?").param(version)
        .query(String.class).optional();
  }

  /** Registers the current formula's version, or refuses it when registered with other numbers. */
  @Transactional
  public void register() {
    register(formula);
  }

  private void register(ScoreFormula using) {
    Optional<String> known = definitionOf(using.version());
    if (known.isEmpty()) {
      jdbc.sql("insert into score_formulas (formula_version, definition, registered_at) values (?, ?, ?)")
          .params(using.version(), using.definition(), Timestamp.from(clock.instant())).update();
    } else if (!known.get().equals(using.definition())) {
      throw new IllegalStateException("Scoring formula version " + using.version()
          + " is already registered with other numbers; give the changed formula a new liangze.scoring.version");
    }
  }

  private String write(List<ScoreFormula.Component> components) {
    try {
      return json.writeValueAsString(components);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<ScoreFormula.Component> components(String text) {
    try {
      return componentsReader.readValue(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
