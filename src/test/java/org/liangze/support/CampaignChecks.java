package org.liangze.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the fault tests ask the database about a quarterly self-check campaign while and after it runs. */
@Component
public class CampaignChecks {

  private final JdbcClient jdbc;

  CampaignChecks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Units' sub-processes started so far (history: running and finished). */
  public long unitInstances() {
    return jdbc.sql("select count(*) from act_hi_procinst where proc_def_key_ = ?").param(UnitSelfCheckProcess.KEY)
        .query(Long.class).single();
  }

  /** Jobs of the campaign and its units' sub-processes still to run. */
  public long campaignJobs() {
    return jdbc.sql("select count(*) from act_ru_job where process_def_key_ in (?, ?)")
        .params(QuarterlySelfCheckProcess.KEY, UnitSelfCheckProcess.KEY).query(Long.class).single();
  }

  /**
   * Nothing lost, nothing twice: exactly one running sub-process per unit (by business key), one in history, one
   * self-check per unit of the quarter. Returns the business keys for further checks.
   */
  public List<String> assertOneSubProcessAndSelfCheckPerUnit(int units, String quarter) {
    List<String> keys = jdbc.sql("""
            select e.business_key_ from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
             where d.key_ = ? and e.parent_id_ is null""")
        .param(UnitSelfCheckProcess.KEY).query(String.class).list();
    assertThat(keys).hasSize(units).doesNotHaveDuplicates();
    assertThat(unitInstances()).isEqualTo(units);
    assertThat(jdbc.sql("select count(distinct unit_code) from self_checks where check_quarter = ?").param(quarter)
        .query(Long.class).single()).isEqualTo(units);
    assertThat(jdbc.sql("select count(*) from self_checks where check_quarter = ?").param(quarter)
        .query(Long.class).single()).isEqualTo(units);
    return keys;
  }
}
