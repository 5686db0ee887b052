/* Draws the small PDF fixtures of fixtures/pdf/ with cairo (see make-pdf-fixtures.sh).
 * two-column-header.pdf: the issuer | Quốc hiệu header of a Kế hoạch, a blank day
 *   to fill in, a centred kind and title, body text, a page number, a numbered
 *   activity table with wrapped cells, and the Nơi nhận | signer closing block.
 * image-only.pdf: the same kind of page as a picture only (a scan, no text layer). */
#include <cairo.h>
#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>

static const double W = 595.0, H = 842.0;

static void font(cairo_t *cr, int bold, double size) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}
static void at(cairo_t *cr, double x, double y, const char *s) { cairo_move_to(cr, x, y); cairo_show_text(cr, s); }
static void centred(cairo_t *cr, double cx, double y, const char *s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    at(cr, cx - e.x_advance / 2, y, s);
}

static void first_page(cairo_t *cr) {
    double lc = 165, rc = 410;
    font(cr, 0, 11); centred(cr, lc, 60, "UBND TỈNH BẮC KẠN");
    font(cr, 1, 11); centred(cr, lc, 75, "SỞ NÔNG NGHIỆP VÀ PTNT");
    font(cr, 0, 11); centred(cr, lc, 96, "Số: 112/KH-SNN");
    font(cr, 1, 11); centred(cr, rc, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    font(cr, 1, 11); centred(cr, rc, 75, "Độc lập - Tự do - Hạnh phúc");
    font(cr, 0, 11); centred(cr, rc, 96, "Bắc Kạn, ngày        tháng 11 năm 2021");
    font(cr, 1, 13); centred(cr, W / 2, 135, "KẾ HOẠCH");
    font(cr, 1, 11); centred(cr, W / 2, 152, "Phát động phong trào thi đua năm 2022");
    font(cr, 0, 11);
    const char *body[] = {
        "        Thực hiện Chỉ thị số 7705/CT-BNN-TCCB ngày 16/11/2021 của Bộ Nông nghiệp",
        "và PTNT về việc phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển nông",
        "nghiệp, nông thôn hàng năm, Sở Nông nghiệp và PTNT xây dựng kế hoạch như sau:",
        "        I. MỤC ĐÍCH YÊU CẦU",
        "        1. Nâng cao nhận thức về vị trí, vai trò, ý nghĩa to lớn và hiệu quả thiết",
        "thực của việc phát động thi đua trong toàn ngành.",
    };
    for (int i = 0; i < 6; i++) at(cr, 70, 180 + i * 17, body[i]);
}

static void second_page(cairo_t *cr) {
    font(cr, 0, 11); centred(cr, W / 2, 30, "2");
    font(cr, 1, 11); at(cr, 98, 60, "II. NỘI DUNG HOẠT ĐỘNG");
    /* columns: TT | Nội dung | Đơn vị thực hiện | Thời gian */
    double c0 = 75, c1 = 105, c2 = 330, c3 = 450, y = 85, lh = 15;
    cairo_set_line_width(cr, 0.5);
    double xs[] = {70, 100, 325, 445, 540};
    font(cr, 1, 11);
    at(cr, c0, y, "TT"); at(cr, c1, y, "Nội dung hoạt động"); at(cr, c2, y, "Đơn vị thực hiện"); at(cr, c3, y, "Thời gian");
    struct { const char *n; const char *a[3]; const char *b[3]; const char *c[3]; } items[] = {
        {"1", {"Phát động phong trào thi đua và ký", "giao ước thi đua năm 2022", 0}, {"Các đơn vị trong", "Khối", 0}, {"Đã thực hiện", 0, 0}},
        {"2", {"Xây dựng kế hoạch hoạt động thi đua", "của Khối thi đua năm 2022", 0}, {"Khối trưởng, Khối", "phó", 0}, {"Trước ngày", "30/5/2022", 0}},
        {"3", {"Báo cáo sơ kết, đánh giá tình hình", "thực hiện các phong trào thi đua", "06 tháng đầu năm"}, {"Các đơn vị trong", "Khối", 0}, {"Trước ngày", "20/6/2022", 0}},
    };
    font(cr, 0, 11);
    double top = y - 12;
    for (int i = 0; i < 3; i++) {
        y += lh + 6;
        double rowTop = y - 12;
        cairo_move_to(cr, xs[0], rowTop); cairo_line_to(cr, xs[4], rowTop);
        at(cr, c0 + 4, y, items[i].n);
        int lines = 0;
        for (int k = 0; k < 3; k++) {
            if (items[i].a[k]) at(cr, c1, y + k * lh, items[i].a[k]), lines = k + 1 > lines ? k + 1 : lines;
            if (items[i].b[k]) at(cr, c2, y + k * lh, items[i].b[k]), lines = k + 1 > lines ? k + 1 : lines;
            if (items[i].c[k]) at(cr, c3, y + k * lh, items[i].c[k]), lines = k + 1 > lines ? k + 1 : lines;
        }
        y += (lines - 1) * lh;
    }
    double bottom = y + 6;
    cairo_move_to(cr, xs[0], top); cairo_line_to(cr, xs[4], top);
    cairo_move_to(cr, xs[0], bottom); cairo_line_to(cr, xs[4], bottom);
    for (int k = 0; k < 5; k++) { cairo_move_to(cr, xs[k], top); cairo_line_to(cr, xs[k], bottom); }
    cairo_stroke(cr);
    font(cr, 1, 11); at(cr, 98, bottom + 30, "III. TỔ CHỨC THỰC HIỆN");
    font(cr, 0, 11); at(cr, 70, bottom + 47, "Các đơn vị trong Khối bám sát các nội dung kế hoạch, phối hợp triển khai thực hiện.");
    double cy = bottom + 90;
    font(cr, 1, 10); at(cr, 70, cy, "Nơi nhận:");
    font(cr, 1, 11); centred(cr, 430, cy, "GIÁM ĐỐC");
    font(cr, 0, 9); at(cr, 70, cy + 14, "- Bộ NN và PTNT (b/c);");
    at(cr, 70, cy + 26, "- Lưu: VT.");
    font(cr, 1, 11); centred(cr, 430, cy + 70, "Nguyễn Văn An");
}

static int two_column_header(const char *path) {
    cairo_surface_t *s = cairo_pdf_surface_create(path, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0, 0, 0);
    first_page(cr);
    cairo_show_page(cr);
    second_page(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    int bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    return bad;
}

static int image_only(const char *path) {
    double dpi = 150, k = dpi / 72;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(W * k), (int)(H * k));
    cairo_t *ic = cairo_create(img);
    cairo_set_source_rgb(ic, 1, 1, 1);
    cairo_paint(ic);
    cairo_scale(ic, k, k);
    cairo_set_source_rgb(ic, 0, 0, 0);
    first_page(ic);
    cairo_destroy(ic);
    cairo_surface_t *s = cairo_pdf_surface_create(path, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, 1 / k, 1 / k);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    int bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    cairo_surface_destroy(img);
    return bad;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s OUTDIR\n", argv[0]); return 2; }
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/two-column-header.pdf", argv[1]);
    snprintf(b, sizeof b, "%s/image-only.pdf", argv[1]);
    return two_column_header(a) | image_only(b);
}
