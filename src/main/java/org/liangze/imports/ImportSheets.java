package org.liangze.imports;

import java.util.List;

/** The sheets and columns of the organisation workbook and CSV files, as the template writes them. */
final class ImportSheets {

  static final String UNITS = "单位";
  static final String PEOPLE = "人员";
  static final String COMMON_LIST = "共性清单";
  static final String INSTRUCTIONS = "说明";

  static final String UNIT_CODE = "单位代码";
  static final String UNIT_NAME = "单位名称";
  static final String UNIT_TYPE = "单位类型";
  static final String PARENT_CODE = "上级单位代码";
  static final List<String> UNIT_COLUMNS = List.of(UNIT_CODE, UNIT_NAME, UNIT_TYPE, PARENT_CODE);

  static final String LOGIN = "登录名";
  static final String NAME = "姓名";
  static final String POST = "职务";
  static final String MOBILE = "手机";
  static final String EMAIL = "邮箱";
  static final List<String> PEOPLE_COLUMNS = List.of(LOGIN, NAME, UNIT_CODE, POST, MOBILE, EMAIL);

  /** The 共性清单 sheet's columns: the common-lists feature imports this sheet as drafts. */
  static final List<String> COMMON_LIST_COLUMNS = List.of(UNIT_TYPE, "年度", "责任类型", "类别", "责任内容", "履责措施",
      "风险点", "频次", "佐证材料");

  private ImportSheets() {
  }
}
