package org.liangze.lists;

/** A list item as other features name it: its list's kind, its position there, its category and content. */
public record ItemOfList(long id, ListKind kind, int position, String category, String content) {

  /** "共性清单第3项·类别：内容". */
  public String label() {
    return kind.label() + "第" + position + "项·" + category + "：" + content;
  }
}
