package org.liangze.platform;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds and opens the font PDF exports write Chinese with. PDF viewers have no Chinese font to fall back on that
 * the platform could rely on, so the font is embedded (subset). It must be TrueType with glyf outlines, which is
 * what PDFBox can embed as a CID font: Noto CJK (CFF outlines) cannot be used. Default, the first installed of:
 * Droid Sans Fallback (Debian {@code fonts-droid-fallback}, a plain .ttf, preferred), WenQuanYi Zen Hei, AR PL
 * UMing.
 */
@Component
public class PdfFonts {

  static final String PROPERTY = "liangze.pdf.font (environment LIANGZE_PDF_FONT)";
  static final List<Path> DEBIAN_FONTS = List.of(
      Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
      Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
      Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));
  /** A font that lacks these is no Chinese font, whatever its name says. */
  private static final String CHINESE_PROBE = "纪实手册第页完整";

  private static final Logger log = LoggerFactory.getLogger(PdfFonts.class);

  private final String configured;

  public PdfFonts(PdfProperties properties) {
    this.configured = properties.font() == null ? "" : properties.font().trim();
    // say so at start-up, not only when the first supervisor asks for a PDF
    locate().ifPresentOrElse(font -> log.info("PDF exports write Chinese with {}", font),
        () -> log.warn("No font for PDF exports: {}; record manual PDFs answer 503 until it is set", missing()));
  }

  /** The configured font if set (no silent fallback from an explicit choice), else the first installed default. */
  public Optional<Path> locate() {
    if (!configured.isEmpty()) {
      Path path = Path.of(configured);
      return Files.isReadable(path) ? Optional.of(path) : Optional.empty();
    }
    return DEBIAN_FONTS.stream().filter(Files::isReadable).findFirst();
  }

  /** Opens the font; close it after the document using it has been saved. */
  public OpenFont open() {
    Path path = locate().orElseThrow(() -> new FontUnavailableException(missing()));
    try {
      OpenFont font = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttc")
          ? firstChineseFontOf(path) : single(path);
      if (font == null || !font.canShowAll(CHINESE_PROBE)) {
        if (font != null) {
          font.close();
        }
        throw new FontUnavailableException("Font " + path + " has no Chinese glyphs; set " + PROPERTY
            + " to a TrueType font with Chinese glyphs, e.g. from the Debian package fonts-droid-fallback");
      }
      return font;
    } catch (IOException | RuntimeException e) {
      if (e instanceof FontUnavailableException unavailable) {
        throw unavailable;
      }
      throw new FontUnavailableException("Font " + path + " cannot be read or embedded (" + e.getMessage()
          + "); set " + PROPERTY + " to a TrueType font (glyf outlines, not CFF/OpenType) with Chinese glyphs", e);
    }
  }

  private String missing() {
    if (!configured.isEmpty()) {
      return "the font " + configured + " set in " + PROPERTY + " does not exist or is not readable";
    }
    return "none of " + DEBIAN_FONTS + " is installed; install the Debian package fonts-droid-fallback or set "
        + PROPERTY + " to a TrueType font file with Chinese glyphs";
  }

  private static OpenFont single(Path path) throws IOException {
    TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBufferedFile(path.toFile()));
    try {
      return new OpenFont(font, font);
    } catch (IOException e) {
      font.close();
      throw e;
    }
  }

  private static OpenFont firstChineseFontOf(Path path) throws IOException {
    TrueTypeCollection collection = new TrueTypeCollection(path.toFile());
    AtomicReference<TrueTypeFont> chosen = new AtomicReference<>();
    try {
      collection.processAllFonts(font -> {
        if (chosen.get() == null && canShowAll(font.getUnicodeCmapLookup(false), CHINESE_PROBE)) {
          chosen.set(font);
        }
      });
    } catch (IOException | RuntimeException e) {
      collection.close();
      throw e;
    }
    if (chosen.get() == null) {
      collection.close();
      return null;
    }
    try {
      // the collection's fonts read from the collection's file: it stays open as long as the font is used
      return new OpenFont(chosen.get(), collection);
    } catch (IOException e) {
      collection.close();
      throw e;
    }
  }

  private static boolean canShowAll(CmapLookup cmap, String text) {
    return cmap != null && text.codePoints().allMatch(c -> cmap.getGlyphId(c) != 0);
  }

  /** An opened font: embed it in documents, ask which characters it can show, close it when done. */
  public static final class OpenFont implements Closeable {
    private final TrueTypeFont font;
    private final Closeable source;
    private final CmapLookup cmap;

    OpenFont(TrueTypeFont font, Closeable source) throws IOException {
      this.font = font;
      this.source = source;
      this.cmap = font.getUnicodeCmapLookup(false);
    }

    /** Embeds only the glyphs the document uses: a few kilobytes rather than the font's megabytes. */
    public PDType0Font embedIn(PDDocument document) throws IOException {
      return PDType0Font.load(document, font, true);
    }

    public boolean canShow(int codePoint) {
      return cmap != null && cmap.getGlyphId(codePoint) != 0;
    }

    boolean canShowAll(String text) {
      return PdfFonts.canShowAll(cmap, text);
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }
}
