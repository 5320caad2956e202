package dev.fairbill.billing.payment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A dispute's evidence as a plain PDF document (text in Helvetica, A4 pages), for processors that take a defense as
 * documents. Characters outside printable Latin-1 are written as {@code ?}; long lines wrap.
 */
final class EvidencePdf {

    private static final int LINE_WIDTH = 95;
    private static final int LINES_PER_PAGE = 62;

    private EvidencePdf() {
    }

    /** The evidence of {@code request} as a PDF: what the charge paid for, why it stands, and the account's history. */
    static byte[] of(PaymentGateway.EvidenceRequest request) {
        List<String> lines = new ArrayList<>();
        lines.add("Dispute " + request.disputeId() + " of charge " + request.chargeId());
        lines.add("");
        if (request.productDescription() != null) {
            lines.add("Product or service: " + request.productDescription());
        }
        if (request.serviceDate() != null) {
            lines.add("Charged on: " + request.serviceDate());
        }
        lines.add("");
        lines.add("Why the charge stands:");
        wrap(request.explanation(), lines);
        lines.add("");
        lines.add("What the account did, oldest first:");
        if (request.activityLog() != null) {
            request.activityLog().lines().forEach(line -> wrap(line, lines));
        }
        return render(lines);
    }

    private static void wrap(String text, List<String> lines) {
        if (text == null) {
            return;
        }
        String rest = text;
        while (rest.length() > LINE_WIDTH) {
            int cut = rest.lastIndexOf(' ', LINE_WIDTH);
            cut = cut <= 0 ? LINE_WIDTH : cut;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
    }

    /** PDF 1.4: a catalog, a page tree, one font, and a page with one content stream per 62 lines. */
    private static byte[] render(List<String> lines) {
        List<List<String>> pages = new ArrayList<>();
        for (int start = 0; start < lines.size(); start += LINES_PER_PAGE) {
            pages.add(lines.subList(start, Math.min(lines.size(), start + LINES_PER_PAGE)));
        }
        List<String> objects = new ArrayList<>();
        StringBuilder kids = new StringBuilder();
        for (int page = 0; page < pages.size(); page++) {
            kids.append(4 + 2 * page).append(" 0 R ");
        }
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages.size() + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        for (int page = 0; page < pages.size(); page++) {
            StringBuilder text = new StringBuilder("BT /F1 9 Tf 11 TL 40 800 Td");
            for (String line : pages.get(page)) {
                text.append(" (").append(escape(line)).append(") '");
            }
            text.append(" ET");
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                    + " /Contents " + (5 + 2 * page) + " 0 R >>");
            objects.add("<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream");
        }
        var pdf = new ByteArrayOutputStream();
        write(pdf, "%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int n = 0; n < objects.size(); n++) {
            offsets.add(pdf.size());
            write(pdf, (n + 1) + " 0 obj\n" + objects.get(n) + "\nendobj\n");
        }
        int xref = pdf.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append("%010d 00000 n \n".formatted(offset)));
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(pdf, table.toString());
        return pdf.toByteArray();
    }

    private static String escape(String line) {
        StringBuilder escaped = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff) {
                escaped.append(c);
            } else {
                escaped.append('?');
            }
        }
        return escaped.toString();
    }

    private static void write(ByteArrayOutputStream pdf, String text) {
        pdf.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
