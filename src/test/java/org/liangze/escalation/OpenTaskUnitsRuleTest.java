package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The Java form of the unit rule (the listener's) against the SQL form (the reconciliation's), case by case. */
class OpenTaskUnitsRuleTest {

  @Test
  void javaAndSqlRulesAgree() {
    assertSame(List.of("unitD01secretary"), "T01", "D01");
    assertSame(List.of("disciplinecommission", "unitT01V01staff"), null, "T01V01");
    assertSame(List.of("unitT02staff", "unitD02inspector"), null, "D02");
    assertSame(List.of("unitA01inspector"), null, "A01");
    assertSame(List.of("districtcommittee"), "D01", "districtcommittee");
    assertSame(List.of("districtcommittee", "disciplinecommission"), null, "disciplinecommission");
    assertSame(List.of("camunda-admin"), "T01V01", "T01V01");
    assertSame(List.of(), "T01V01", "T01V01");
    assertSame(List.of(), null, OverdueWork.UNASSIGNED);
    assertSame(List.of("unitstaff", "districtcommittee"), null, "districtcommittee");
  }

  private static void assertSame(List<String> groups, String unitCode, String expected) {
    String java = OpenTaskUnits.unitOf(groups, () -> unitCode);
    assertThat(java).as("Java rule for %s, %s", groups, unitCode).isEqualTo(expected);
    assertThat(sql(groups, unitCode)).as("SQL rule for %s, %s", groups, unitCode).isEqualTo(expected);
  }

  /** OverdueWork.UNIT_OF over the groups' min() aggregates, as the queries compute them, evaluated by H2. */
  private static String sql(List<String> groups, String unitCode) {
    JdbcClient h2 = JdbcClient.create(new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:unitrule"));
    List<String> rows = new ArrayList<>(groups);
    rows.add(null);
    String values = String.join(" union all ", rows.stream().map(g -> "select cast(? as varchar) as g").toList());
    // positional: the variable's parameter stands in the select list, before the groups'
    List<Object> params = new ArrayList<>();
    params.add(unitCode);
    params.addAll(rows);
    return h2.sql("select " + OverdueWork.UNIT_OF.formatted("cast(? as varchar)") + " from ("
            + "select min(case when g like 'unit%' then g end) as unit_group,"
            + " min(case when g in ('disciplinecommission', 'districtcommittee') then g end) as district_group"
            + " from (" + values + ") l) r")
        .params(params).query(String.class).single();
  }
}
