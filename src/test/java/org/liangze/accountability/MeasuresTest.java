package org.liangze.accountability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which measure is heavier: what an appeal's review may not do (不得因申诉而加重处理). */
class MeasuresTest {

  @Test
  void aHigherFormIsHeavierWhateverTheMeasure() {
    assertThat(Measures.heavier("LEADER", "组织调整或组织处理", 3, "纪律处分", 2)).isTrue();
    assertThat(Measures.heavier("LEADER", "纪律处分", 2, "组织调整或组织处理", 3)).isFalse();
  }

  @Test
  void withinOneFormArticleEightsOrderDecides() {
    assertThat(Measures.heavier("LEADER", "诫勉", 1, "通报", 1)).isTrue();
    assertThat(Measures.heavier("LEADER", "通报", 1, "诫勉", 1)).isFalse();
    assertThat(Measures.heavier("LEADER", "组织调整或组织处理", 2, "纪律处分", 2)).isFalse();
    assertThat(Measures.heavier("ORGANISATION", "通报", 1, "检查", 1)).isTrue();
  }

  @Test
  void aMeasureDecidedBeforeFormsWereRecordedIsComparedByItsOnlyFormOrItsOrder() {
    assertThat(Measures.heavier("ORGANISATION", "改组", 2, "检查", null)).as("检查 has only form 1").isTrue();
    assertThat(Measures.heavier("LEADER", "纪律处分", 2, "组织调整或组织处理", null)).as("order alone").isTrue();
    assertThat(Measures.heavier("LEADER", "通报", 1, "纪律处分", null)).isFalse();
  }
}
