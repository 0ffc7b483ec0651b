package org.liangze.letter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A letter's body (HTML as issued, {@code templates/letter/body.html}) as plain blocks to lay out on paper: headings,
 * paragraphs, and one line per list item (number, category, content; the measures and risk points stay in the
 * HTML document, where a table has room for them).
 */
final class LetterText {

  enum Kind { HEADING, PARAGRAPH, ITEM }

  record Block(Kind kind, String text) {
  }

  private static final Pattern BLOCK = Pattern.compile("<(h2|p|tr)\\b[^>]*>(.*?)</\\1>", Pattern.DOTALL);
  private static final Pattern CELL = Pattern.compile("<td\\b[^>]*>(.*?)</td>", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern THEAD = Pattern.compile("<thead\\b.*?</thead>", Pattern.DOTALL);
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

  private LetterText() {
  }

  static List<Block> blocks(String html) {
    List<Block> blocks = new ArrayList<>();
    if (html == null) {
      return blocks;
    }
    String body = THEAD.matcher(COMMENT.matcher(html).replaceAll("")).replaceAll("");
    Matcher matcher = BLOCK.matcher(body);
    while (matcher.find()) {
      switch (matcher.group(1)) {
        case "h2" -> blocks.add(new Block(Kind.HEADING, text(matcher.group(2))));
        case "p" -> blocks.add(new Block(Kind.PARAGRAPH, text(matcher.group(2))));
        default -> {
          List<String> cells = new ArrayList<>();
          Matcher cell = CELL.matcher(matcher.group(2));
          while (cell.find()) {
            cells.add(text(cell.group(1)));
          }
          if (cells.size() >= 4) {
            String source = cells.get(1).contains("个性") ? "（个性）" : "";
            blocks.add(new Block(Kind.ITEM, cells.get(0) + ". 【" + cells.get(2) + "】" + source + cells.get(3)));
          }
        }
      }
    }
    return blocks.stream().filter(block -> !block.text().isEmpty()).toList();
  }

  private static String text(String html) {
    String plain = TAG.matcher(html).replaceAll("").replaceAll("\\s+", " ").strip();
    // Chinese has no spaces between words: those left by the template's line breaks go
    plain = plain.replaceAll("(?<=[\\p{IsHan}，。；：、“”（）])\\s+|\\s+(?=[\\p{IsHan}，。；：、“”（）])", "");
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
