package org.liangze.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitType;
import org.springframework.stereotype.Component;

/**
 * The workbook a district fills in: 说明 (instructions), 单位, 人员 and 共性清单, each with its header row, an example
 * row and drop-down lists for unit types, posts and parent units.
 */
@Component
class OrganisationTemplate {

  /** Rows that carry the drop-down lists (a district has about 1,000 units and 5,000 people). */
  static final int VALIDATED_ROWS = 20_000;

  static final List<String> INSTRUCTIONS = List.of(
      "组织机构导入模板",
      "",
      "一、本工作簿有三张表：“单位”“人员”“共性清单”。请保留表名和第一行的列标题，不要增删或改动列标题；第二行起为数据（各表第二行起是示例，请改为本区数据或删除）。",
      "二、“单位”表：每个单位一行。",
      "    单位代码：1-32 位英文字母或数字，全区唯一，如 D01、T01V03；导入后不可更改（代码变了视为撤销旧单位、新增新单位）。",
      "    单位类型：区直部门、街镇、区属部门、科室站所、村居（下拉选择）。",
      "    上级单位代码：区直部门、街镇、区属部门留空（直属于区）；村居填所属街镇的代码；科室站所填所属区直部门、街镇或区属部门的代码。",
      "三、“人员”表：每个职务一行。同一人有多个职务（如街镇纪委书记同时是班子成员），就写多行，登录名、姓名、手机、邮箱各行一致。",
      "    登录名：1-64 位英文字母或数字，全区唯一，用于登录系统。",
      "    单位代码：单位职务（党组织书记、班子成员、工作人员、纪检委员）填所在单位的代码；区级职务（区委、区纪委监委、流程设计、组织管理员）留空。",
      "    职务：下拉选择。手机：11 位数字；邮箱：接收提醒通知，可留空。",
      "四、“共性清单”表：区纪委监委起草共性清单时可用此表导入草稿，导入后仍须经审核发布。",
      "五、本次导入即为全区的完整名单：文件中没有的单位将被撤销（有未办结工作的单位不能撤销），文件中没有的人员视为已离开，不能再登录。",
      "六、请先“试导入”查看报告：有任何错误都不会改动数据，报告按表名、行号、列名列出每个问题；无误后再“确认导入”。同一文件再次导入不会产生任何变化。",
      "七、新增人员的初始密码在确认导入后只提供一次下载（Excel 文件），请妥善分发；首次登录须修改密码。",
      "八、只读取单元格的值：请不要使用公式（可复制后“选择性粘贴—数值”），不要保存为含宏的工作簿（.xlsm）。也可把“单位”“人员”两表分别另存为 CSV 文件导入（GB18030 或 UTF-8 编码均可）。");

  byte[] write() {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(workbook.createDataFormat().getFormat("@"));
      CellStyle example = workbook.createCellStyle();
      example.cloneStyleFrom(text);
      Font grey = workbook.createFont();
      grey.setItalic(true);
      grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
      example.setFont(grey);

      Sheet instructions = workbook.createSheet(ImportSheets.INSTRUCTIONS);
      instructions.setColumnWidth(0, 150 * 256);
      for (int i = 0; i < INSTRUCTIONS.size(); i++) {
        instructions.createRow(i).createCell(0).setCellValue(INSTRUCTIONS.get(i));
      }
      instructions.getRow(0).getCell(0).setCellStyle(header);

      String[] unitTypes = Arrays.stream(UnitType.values()).map(UnitType::label).toArray(String[]::new);
      Sheet units = table(workbook, ImportSheets.UNITS, ImportSheets.UNIT_COLUMNS, new int[] {14, 36, 12, 14}, header,
          text);
      example(units, 1, example, "D01", "区教育和体育局", UnitType.DISTRICT_DEPARTMENT.label(), "");
      example(units, 2, example, "D01S01", "区教育和体育局基础教育科", UnitType.SECTION_OR_STATION.label(), "D01");
      String unitCodes = "'" + ImportSheets.UNITS + "'!$A$2:$A$" + (VALIDATED_ROWS + 1);
      list(units, 2, unitTypes, true);
      formulaList(units, 3, unitCodes);

      String[] posts = Arrays.stream(Role.values()).map(Role::label).toArray(String[]::new);
      Sheet people = table(workbook, ImportSheets.PEOPLE, ImportSheets.PEOPLE_COLUMNS, new int[] {14, 12, 12, 14, 14, 30},
          header, text);
      example(people, 1, example, "zhangwei", "张伟", "D01", Role.SECRETARY.label(), "13800000000", "zhangwei@example.cn");
      example(people, 2, example, "zhangwei", "张伟", "D01S01", Role.STAFF.label(), "", "");
      formulaList(people, 2, unitCodes);
      list(people, 3, posts, true);

      Sheet common = table(workbook, ImportSheets.COMMON_LIST, ImportSheets.COMMON_LIST_COLUMNS,
          new int[] {12, 8, 10, 16, 40, 40, 30, 10, 24}, header, text);
      example(common, 1, example, UnitType.SUBDISTRICT_OR_TOWN.label(), "2026", Responsibility.MAIN.label(),
          "党风廉政建设", "研究部署党风廉政建设工作", "党组织会议专题研究", "重部署轻落实", "每季度", "会议纪要");
      list(common, 0, unitTypes, true);
      list(common, 2, Arrays.stream(Responsibility.values()).map(Responsibility::label).toArray(String[]::new), true);

      workbook.setActiveSheet(1);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Sheet table(XSSFWorkbook workbook, String name, List<String> columns, int[] widths, CellStyle header,
      CellStyle text) {
    Sheet sheet = workbook.createSheet(name);
    Row row = sheet.createRow(0);
    for (int c = 0; c < columns.size(); c++) {
      row.createCell(c).setCellValue(columns.get(c));
      row.getCell(c).setCellStyle(header);
      sheet.setColumnWidth(c, widths[c] * 256);
      // codes such as 001 and mobile numbers stay text
      sheet.setDefaultColumnStyle(c, text);
    }
    sheet.createFreezePane(0, 1);
    return sheet;
  }

  private static void example(Sheet sheet, int rowIndex, CellStyle style, String... values) {
    Row row = sheet.createRow(rowIndex);
    for (int c = 0; c < values.length; c++) {
      row.createCell(c).setCellValue(values[c]);
      row.getCell(c).setCellStyle(style);
    }
  }

  private static void list(Sheet sheet, int column, String[] values, boolean strict) {
    DataValidationHelper helper = sheet.getDataValidationHelper();
    add(sheet, helper, helper.createExplicitListConstraint(values), column, strict, "请从下拉列表中选择");
  }

  private static void formulaList(Sheet sheet, int column, String range) {
    DataValidationHelper helper = sheet.getDataValidationHelper();
    // a warning only: the unit may be further down the 单位 sheet than the list reaches, and blanks are allowed
    add(sheet, helper, helper.createFormulaListConstraint(range), column, false, "请填写“单位”表中已有的单位代码");
  }

  private static void add(Sheet sheet, DataValidationHelper helper, DataValidationConstraint constraint, int column,
      boolean strict, String message) {
    DataValidation validation = helper.createValidation(constraint,
        new CellRangeAddressList(1, VALIDATED_ROWS, column, column));
    validation.setErrorStyle(strict ? DataValidation.ErrorStyle.STOP : DataValidation.ErrorStyle.WARNING);
    validation.createErrorBox("输入不正确", message);
    validation.setShowErrorBox(true);
    validation.setEmptyCellAllowed(true);
    validation.setSuppressDropDownArrow(true);
    sheet.addValidationData(validation);
  }
}
