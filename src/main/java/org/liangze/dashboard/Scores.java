package org.liangze.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes and stores unit scores (DESIGN §5): every active unit of a period under the configured formula, ranked
 * within its unit type. Scores are stored per formula version: recomputing under the same version refreshes that
 * version's rows, a new version adds rows of its own and leaves the old ones as they were. A version is registered
 * with its definition the first time it is used; reusing it with other numbers is refused.
 */
@Service
public class Scores {

  private static final TypeReference<List<ScoreFormula.Component>> COMPONENTS = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final ScoreInputsRepository inputs;
  private final UnitRepository units;
  private final ObjectMapper json;
  private final Clock clock;
  private final ScoreFormula formula;

  Scores(JdbcClient jdbc, JdbcTemplate batch, ScoreInputsRepository inputs, UnitRepository units, ObjectMapper json,
      Clock clock, ScoringProperties properties) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.inputs = inputs;
    this.units = units;
    this.json = json;
    this.clock = clock;
    this.formula = new ScoreFormula(properties);
  }

  public ScoreFormula formula() {
    return formula;
  }

  /** Computes and stores the period's scores of every active unit under the current formula. */
  @Transactional
  public List<UnitScore> compute(Period period) {
    return compute(period, formula);
  }

  /** As {@link #compute(Period)} under the given formula (tests, and a supervisor trying a new formula). */
  @Transactional
  public List<UnitScore> compute(Period period, ScoreFormula using) {
    register(using);
    Instant now = clock.instant();
    List<Unit> all = units.findAllActive();
    Map<String, ScoreInputs> counted = inputs.all(period);
    Map<String, ScoreFormula.Result> results = new LinkedHashMap<>();
    for (Unit unit : all) {
      results.put(unit.code(), using.compute(unit.code(), period,
          counted.getOrDefault(unit.code(), ScoreInputsRepository.NONE)));
    }
    Map<String, Stored> before = storedRows(period, using.version());
    Map<UnitType, List<Unit>> byType = all.stream().collect(Collectors.groupingBy(Unit::type));
    List<UnitScore> stored = new ArrayList<>();
    List<UnitScore> changed = new ArrayList<>();
    for (Unit unit : all) {
      List<Unit> peers = byType.get(unit.type());
      BigDecimal score = results.get(unit.code()).score();
      // competition ranking: 1, 1, 3
      int rank = 1 + (int) peers.stream().filter(p -> results.get(p.code()).score().compareTo(score) > 0).count();
      UnitScore row = new UnitScore(unit.code(), unit.name(), unit.type(), period.toString(), using.version(),
          score, rank, peers.size(), results.get(unit.code()).components(), now);
      Stored old = before.get(unit.code());
      if (old == null || old.score().compareTo(score) != 0 || old.rank() != rank || old.peers() != peers.size()
          || !old.components().equals(write(row.components()))) {
        changed.add(row);
      }
      stored.add(row);
    }
    // a view of the dashboard recomputes every unit; only what changed is written (and gets a new computed_at)
    store(changed, period, before.keySet());
    stored.sort(RANKING);
    return stored;
  }

  static final Comparator<UnitScore> RANKING = Comparator.comparing(UnitScore::unitType)
      .thenComparingInt(UnitScore::rankInType).thenComparing(UnitScore::unitCode);

  /** The stored scores of a period under a formula version, ranked within each unit type. */
  public List<UnitScore> stored(Period period, String version) {
    Map<String, Unit> byCode = units.findAllActive().stream()
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

  /** A unit's score of a period under the given version, if stored. */
  public Optional<UnitScore> stored(String unitCode, Period period, String version) {
    return stored(period, version).stream().filter(s -> s.unitCode().equals(unitCode)).findFirst();
  }

  /** The definition a formula version was registered with. */
  public Optional<String> definitionOf(String version) {
    return jdbc.sql("select definition from score_formulas where formula_version = ?").param(version)
        .query(String.class).optional();
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

  private record Stored(BigDecimal score, int rank, int peers, String components) {
  }

  private Map<String, Stored> storedRows(Period period, String version) {
    Map<String, Stored> rows = new HashMap<>();
    jdbc.sql("""
            select unit_code, score, rank_in_type, units_in_type, components from unit_scores
             where period = :period and formula_version = :version""")
        .param("period", period.toString()).param("version", version)
        .query((rs, n) -> rows.put(rs.getString(1), new Stored(rs.getBigDecimal(2), rs.getInt(3), rs.getInt(4),
            rs.getString(5)))).list();
    return rows;
  }

  private void store(List<UnitScore> rows, Period period, java.util.Set<String> existing) {
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> inserts = new ArrayList<>();
    for (UnitScore row : rows) {
      String components = write(row.components());
      Timestamp at = Timestamp.from(row.computedAt());
      if (existing.contains(row.unitCode())) {
        updates.add(new Object[] {row.score(), row.rankInType(), row.unitsInType(), components, at, row.unitCode(),
            row.period(), row.formulaVersion()});
      } else {
        inserts.add(new Object[] {row.unitCode(), row.period(), period.kind(), row.formulaVersion(), row.score(),
            row.rankInType(), row.unitsInType(), components, at});
      }
    }
    if (!updates.isEmpty()) {
      batch.batchUpdate("""
          update unit_scores set score = ?, rank_in_type = ?, units_in_type = ?, components = ?, computed_at = ?
           where unit_code = ? and period = ? and formula_version = ?""", updates);
    }
    if (!inserts.isEmpty()) {
      batch.batchUpdate("""
          insert into unit_scores (unit_code, period, period_kind, formula_version, score, rank_in_type,
                                   units_in_type, components, computed_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
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
      return json.readValue(text, COMPONENTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
