package org.liangze.platform;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Chinese text set in a PDF, for every PDF the platform writes: each character in the embedded Chinese font wherever
 * it has the glyph (so a full font such as WenQuanYi sets Latin in its own style too), else in Helvetica (Droid Sans
 * Fallback has no Latin letters or digits); a character neither can show becomes 〓, Chinese typesetting's stand-in
 * (or ? if the font lacks that too), so a rare character in a name never makes an export fail. One per document: it
 * keeps each character's font and width.
 */
public final class PdfText {

  /** Chinese typesetting's stand-in for a character the font cannot show. */
  static final int MISSING = '〓';
  /** Closing punctuation never starts a line (禁则): it hangs at the end of the line before. */
  static final String NO_LINE_START = "，。、；：？！）》」』】〕”’…,.;:?!)]";

  private final PdfFonts.OpenFont glyphs;
  private final PDFont chinese;
  private final PDFont latin = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final Map<Integer, PDFont> fontOf = new HashMap<>();
  private final Map<Integer, Float> widths = new HashMap<>();

  /** {@code chinese}: {@code glyphs} embedded in the document ({@link PdfFonts.OpenFont#embedIn}). */
  public PdfText(PdfFonts.OpenFont glyphs, PDFont chinese) {
    this.glyphs = glyphs;
    this.chinese = chinese;
  }

  /** Shows one line with its baseline starting at (x, baseline), switching fonts between runs. */
  public void show(PDPageContentStream out, String text, float x, float baseline, float size, Color colour)
      throws IOException {
    if (text.isEmpty()) {
      return;
    }
    out.beginText();
    out.setNonStrokingColor(colour);
    out.newLineAtOffset(x, baseline);
    showRuns(out, text, size);
    out.endText();
  }

  /** Shows text where the open text object ({@code beginText}) stands, switching fonts between runs. */
  public void showRuns(PDPageContentStream out, String text, float size) throws IOException {
    StringBuilder run = new StringBuilder();
    PDFont runFont = null;
    for (int i = 0; i < text.length(); ) {
      int c = showable(text.codePointAt(i));
      i += Character.charCount(text.codePointAt(i));
      PDFont font = fontFor(c);
      if (font != runFont && !run.isEmpty()) {
        out.setFont(runFont, size);
        out.showText(run.toString());
        run.setLength(0);
      }
      runFont = font;
      run.appendCodePoint(c);
    }
    if (!run.isEmpty()) {
      out.setFont(runFont, size);
      out.showText(run.toString());
    }
  }

  /** The width of one line of text in points. */
  public float width(String text, float size) {
    float sum = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      sum += width(showable(c), size);
      i += Character.charCount(c);
    }
    return sum;
  }

  /**
   * Breaks text into lines no wider than {@code width}, character by character: Chinese has no spaces, so every
   * character is a possible break, except before closing punctuation. Line breaks in the text are kept; characters no
   * font here can show are already their stand-in. Empty text has no lines.
   */
  public List<String> wrap(String text, float width, float size) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return lines;
    }
    for (String paragraph : text.split("\\R", -1)) {
      StringBuilder line = new StringBuilder();
      float used = 0;
      for (int i = 0; i < paragraph.length(); ) {
        int c = showable(paragraph.codePointAt(i));
        i += Character.charCount(paragraph.codePointAt(i));
        float w = width(c, size);
        if (used + w > width && !line.isEmpty() && NO_LINE_START.indexOf(c) < 0) {
          lines.add(line.toString());
          line.setLength(0);
          used = 0;
        }
        line.appendCodePoint(c);
        used += w;
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The character itself if a font here can show it, else a stand-in that one can. */
  int showable(int c) {
    if (Character.isISOControl(c) || Character.isWhitespace(c) && fontFor(c) == null) {
      return ' ';
    }
    if (fontFor(c) != null) {
      return c;
    }
    return glyphs.canShow(MISSING) ? MISSING : '?';
  }

  private PDFont fontFor(int c) {
    return fontOf.computeIfAbsent(c, key -> {
      if (glyphs.canShow(key)) {
        return chinese;
      }
      try {
        latin.encode(new String(Character.toChars(key)));
        return latin;
      } catch (IllegalArgumentException | IOException e) {
        return null; // neither font has it; computeIfAbsent stores nothing and showable() substitutes
      }
    });
  }

  private float width(int c, float size) {
    Float perMille = widths.computeIfAbsent(c, key -> {
      try {
        return fontFor(key).getStringWidth(new String(Character.toChars(key)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return perMille / 1000 * size;
  }
}
