package org.residentregistry.api.disclosure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A small layout helper for printed A4 pages — 帳票: lines of text top to bottom in one font, a label column and
 * a value column that wraps inside the page, and a new page whenever the next line would not fit.
 */
final class PrintedPages {

    /** The geta mark 〓, which Japanese print uses for a character the font does not have (a gaiji). */
    private static final String MISSING_GLYPH = "〓";
    private static final float MARGIN = 56;
    private static final float LABEL_WIDTH = 120;
    private static final float TEXT_SIZE = 10.5f;
    private static final float LEADING = 1.5f;

    private final PDDocument document;
    private final PDFont font;
    private PDPageContentStream content;
    private float y;

    PrintedPages(PDDocument document, PDFont font) {
        this.document = document;
        this.font = font;
    }

    /** A line in a larger size, starting a new page first if it would be the last line of this one. */
    void heading(String text, float size) {
        room(size * LEADING * 3);
        write(MARGIN, size, printable(text));
        y -= size * LEADING;
    }

    /** A label and its value; the value wraps within its column, each line of it moving down the page. */
    void item(String label, String value) {
        List<String> lines = wrap(printable(value), PDRectangle.A4.getWidth() - 2 * MARGIN - LABEL_WIDTH);
        for (int i = 0; i < lines.size(); i++) {
            room(TEXT_SIZE * LEADING);
            if (i == 0) {
                write(MARGIN, TEXT_SIZE, printable(label));
            }
            write(MARGIN + LABEL_WIDTH, TEXT_SIZE, lines.get(i));
            y -= TEXT_SIZE * LEADING;
        }
    }

    void gap() {
        y -= TEXT_SIZE * LEADING;
    }

    /** The finished document's bytes; the pages are closed. */
    byte[] finish() {
        try {
            closePage();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void room(float height) {
        if (content == null || y - height < MARGIN) {
            closePage();
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try {
                content = new PDPageContentStream(document, page);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            y = PDRectangle.A4.getHeight() - MARGIN;
        }
    }

    private void write(float x, float size, String text) {
        try {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y - size);
            content.showText(text);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closePage() {
        if (content != null) {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            content = null;
        }
    }

    /** Breaks at any character: Japanese text has no spaces to break at, and an address must stay inside the page. */
    private List<String> wrap(String text, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            String next = text.substring(i, text.offsetByCodePoints(i, 1));
            if (line.length() > 0 && width(line + next) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(next);
        }
        lines.add(line.toString());
        return lines;
    }

    private float width(String text) {
        try {
            return font.getStringWidth(text) / 1000 * TEXT_SIZE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every character the font cannot show (a control character, a gaiji) replaced by 〓. */
    private String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            String character = Character.toString(codePoint);
            out.append(Character.isISOControl(codePoint) || !shows(character) ? MISSING_GLYPH : character);
        });
        return out.toString();
    }

    private boolean shows(String character) {
        try {
            font.encode(character);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
