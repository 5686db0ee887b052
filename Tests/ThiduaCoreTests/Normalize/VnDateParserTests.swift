import Testing
@testable import ThiduaCore

/// One row of RECORD.md's VnDate table, or a case in its spirit.
struct DateRow: Sendable, CustomTestStringConvertible {
    var text: String
    var value: String
    var start: String?
    var end: String?
    var precision: VnDate.Precision
    var relation: VnDate.Relation? = nil
    var recurrence: VnDate.Recurrence? = nil
    var testDescription: String { text }
}

@Suite struct VnDateParserTests {
    /// RECORD.md "VnDate": every row.
    static let recordTable: [DateRow] = [
        DateRow(text: "ngày 16/11/2021", value: "2021-11-16", start: "2021-11-16", end: "2021-11-16", precision: .day),
        DateRow(text: "Thanh Hóa, ngày 05 tháng 6 năm 2023", value: "2023-06-05", start: "2023-06-05", end: "2023-06-05",
                precision: .day),
        DateRow(text: "ngày    tháng 9 năm 2024", value: "2024-09-XX", start: "2024-09-01", end: "2024-09-30",
                precision: .month),
        DateRow(text: "ngày        tháng        năm 2023", value: "2023-XX-XX", start: "2023-01-01", end: "2023-12-31",
                precision: .year),
        DateRow(text: "Tháng 12/2023", value: "2023-12", start: "2023-12-01", end: "2023-12-31", precision: .month),
        DateRow(text: "Quý IV năm 2021", value: "2021-36", start: "2021-10-01", end: "2021-12-31", precision: .quarter),
        DateRow(text: "Quý I, II năm 2025", value: "2025-33/2025-34", start: "2025-01-01", end: "2025-06-30",
                precision: .quarter),
        DateRow(text: "06 tháng đầu năm 2023", value: "2023-40", start: "2023-01-01", end: "2023-06-30", precision: .half),
        DateRow(text: "năm 2021", value: "2021", start: "2021-01-01", end: "2021-12-31", precision: .year),
        DateRow(text: "giai đoạn 2021 - 2025", value: "2021/2025", start: "2021-01-01", end: "2025-12-31", precision: .year),
        DateRow(text: "Từ ngày 01/10/2024 đến hết ngày 30/9/2025", value: "2024-10-01/2025-09-30", start: "2024-10-01",
                end: "2025-09-30", precision: .day),
        DateRow(text: "Trước ngày 30/5/2023", value: "2023-05-30", start: "2023-05-30", end: "2023-05-30", precision: .day,
                relation: .before),
        DateRow(text: "chậm nhất ngày 10/10/2025", value: "2025-10-10", start: "2025-10-10", end: "2025-10-10",
                precision: .day, relation: .by),
        DateRow(text: "ngày 15 tháng 12 hàng năm", value: "XXXX-12-15", start: nil, end: nil, precision: .day,
                recurrence: .yearly),
    ]

    /// Cells, header lines and running-text forms from the brief and DOMAIN.md.
    static let more: [DateRow] = [
        DateRow(text: "Trước 15/11/2023", value: "2023-11-15", start: "2023-11-15", end: "2023-11-15", precision: .day,
                relation: .before),
        DateRow(text: "Từ năm 2023 - 2025", value: "2023/2025", start: "2023-01-01", end: "2025-12-31", precision: .year),
        DateRow(text: "6 tháng cuối năm 2023", value: "2023-41", start: "2023-07-01", end: "2023-12-31", precision: .half),
        DateRow(text: "trước ngày 15 tháng 12 hàng năm", value: "XXXX-12-15", start: nil, end: nil, precision: .day,
                relation: .before, recurrence: .yearly),
        DateRow(text: "11/6/1948 - 11/6/2023", value: "1948-06-11/2023-06-11", start: "1948-06-11", end: "2023-06-11",
                precision: .day),
        DateRow(text: "2021-2025", value: "2021/2025", start: "2021-01-01", end: "2025-12-31", precision: .year),
        DateRow(text: "tháng 7/2021", value: "2021-07", start: "2021-07-01", end: "2021-07-31", precision: .month),
        DateRow(text: "tháng 2 năm 2024", value: "2024-02", start: "2024-02-01", end: "2024-02-29", precision: .month),
        DateRow(text: "7/2021", value: "2021-07", start: "2021-07-01", end: "2021-07-31", precision: .month),
        DateRow(text: "đến ngày 31/12/2025", value: "2025-12-31", start: "2025-12-31", end: "2025-12-31", precision: .day,
                relation: .until),
        DateRow(text: "từ ngày 01/01/2024", value: "2024-01-01", start: "2024-01-01", end: "2024-01-01", precision: .day,
                relation: .from),
        DateRow(text: "sau ngày 15/3/2024", value: "2024-03-15", start: "2024-03-15", end: "2024-03-15", precision: .day,
                relation: .after),
        DateRow(text: "ngày  05 tháng  6 năm  2023", value: "2023-06-05", start: "2023-06-05", end: "2023-06-05",
                precision: .day),
        DateRow(text: "ngày10 /3/2026", value: "2026-03-10", start: "2026-03-10", end: "2026-03-10", precision: .day),
        DateRow(text: "Từ 26/11 đến 20/12/2022", value: "2022-11-26/2022-12-20", start: "2022-11-26", end: "2022-12-20",
                precision: .day),
        DateRow(text: "từ ngày 15/12 đến ngày 15/01/2025", value: "2024-12-15/2025-01-15", start: "2024-12-15",
                end: "2025-01-15", precision: .day),
        DateRow(text: "Quý I/2024", value: "2024-33", start: "2024-01-01", end: "2024-03-31", precision: .quarter),
        DateRow(text: "quý III và quý IV năm 2024", value: "2024-35/2024-36", start: "2024-07-01", end: "2024-12-31",
                precision: .quarter),
        DateRow(text: "tháng 7 - 9/2024", value: "2024-07/2024-09", start: "2024-07-01", end: "2024-09-30",
                precision: .month),
        DateRow(text: "ngày 25 hằng tháng", value: "XXXX-XX-25", start: nil, end: nil, precision: .day,
                recurrence: .monthly),
        DateRow(text: "ngày 16 – 11 – 2021", value: "2021-11-16", start: "2021-11-16", end: "2021-11-16", precision: .day),
        DateRow(text: "ngày 29/02/2024", value: "2024-02-29", start: "2024-02-29", end: "2024-02-29", precision: .day),
        DateRow(text: "(19/5/1890 - 19/5/2025)", value: "1890-05-19/2025-05-19", start: "1890-05-19", end: "2025-05-19",
                precision: .day),
        DateRow(text: "nhiệm kỳ 2020-2025", value: "2020/2025", start: "2020-01-01", end: "2025-12-31", precision: .year),
        DateRow(text: "ngày … tháng … năm 2023", value: "2023-XX-XX", start: "2023-01-01", end: "2023-12-31",
                precision: .year),
        DateRow(text: "Từ tháng 7/2021 đến tháng 12/2021", value: "2021-07/2021-12", start: "2021-07-01",
                end: "2021-12-31", precision: .month),
        DateRow(text: "từ ngày 01/10/2024 đến tháng 12/2024", value: "2024-10-01/2024-12", start: "2024-10-01",
                end: "2024-12-31", precision: .month),
        DateRow(text: "THÁNG 7 NĂM 2024", value: "2024-07", start: "2024-07-01", end: "2024-07-31", precision: .month),
        DateRow(text: "đến năm 2030", value: "2030", start: "2030-01-01", end: "2030-12-31", precision: .year,
                relation: .until),
        DateRow(text: "quý 4 năm 2023", value: "2023-36", start: "2023-10-01", end: "2023-12-31", precision: .quarter),
        DateRow(text: "kể từ ngày 10 tháng 03 năm 2022", value: "2022-03-10", start: "2022-03-10", end: "2022-03-10",
                precision: .day, relation: .from),
        DateRow(text: "ngày 15/12 hằng năm", value: "XXXX-12-15", start: nil, end: nil, precision: .day,
                recurrence: .yearly),
        DateRow(text: "ngày tháng 9 năm 2024", value: "2024-09-XX", start: "2024-09-01", end: "2024-09-30",
                precision: .month),
        DateRow(text: "ngày tháng năm 2023", value: "2023-XX-XX", start: "2023-01-01", end: "2023-12-31", precision: .year),
        DateRow(text: "Tháng 3 hàng năm", value: "XXXX-03", start: nil, end: nil, precision: .month, recurrence: .yearly),
        DateRow(text: "Trước ngày 15 hàng tháng", value: "XXXX-XX-15", start: nil, end: nil, precision: .day,
                relation: .before, recurrence: .monthly),
        DateRow(text: "sáu tháng đầu năm 2004", value: "2004-40", start: "2004-01-01", end: "2004-06-30", precision: .half),
    ]

    func check(_ row: DateRow, _ got: VnDateParse?, expectedText: String? = nil) {
        guard let d = got?.date else {
            Issue.record("\(row.text): no date, got \(String(describing: got))")
            return
        }
        #expect(d.value == row.value, "\(row.text)")
        #expect(d.start == row.start, "\(row.text)")
        #expect(d.end == row.end, "\(row.text)")
        #expect(d.precision == row.precision, "\(row.text)")
        #expect(d.relation == row.relation, "\(row.text)")
        #expect(d.recurrence == row.recurrence, "\(row.text)")
        if let expectedText { #expect(d.text == expectedText) }
    }

    @Test(arguments: recordTable + more)
    func parsesRow(_ row: DateRow) {
        check(row, VnDateParser.parse(row.text))
    }

    /// The same rows found inside running text: the match covers the expression, nothing more.
    @Test(arguments: recordTable + more)
    func findsRowInProse(_ row: DateRow) throws {
        if row.text.hasPrefix("Thanh Hóa") { return }
        let prose = "Các đơn vị thực hiện \(row.text), báo cáo kết quả."
        let found = VnDateParser.findAll(in: prose)
        try #require(found.count == 1, "\(row.text): \(found.map { String(prose[$0.range]) })")
        let text = row.text.hasPrefix("(") ? String(row.text.dropFirst().dropLast()) : row.text
        #expect(String(prose[found[0].range]) == text)
        check(row, found[0].result, expectedText: text)
    }

    @Test(arguments: ["Đã thực hiện", "Thường xuyên trong năm", "Hàng tháng", "Kế hoạch 5 năm", ""])
    func noDate(_ text: String) {
        #expect(VnDateParser.parse(text) == nil)
    }

    @Test(arguments: ["31/02/2023", "ngày 32 tháng 1 năm 2023", "29/02/2023", "ngày 31/4/2024", "tháng 13/2023",
                      "ngày 30 tháng 2", "Từ ngày 01/10/2024 đến ngày 31/9/2025"])
    func impossibleDatesAreInvalid(_ text: String) {
        guard case let .invalid(t, reason)? = VnDateParser.parse(text) else {
            Issue.record("\(text): \(String(describing: VnDateParser.parse(text)))")
            return
        }
        #expect(t == text)
        #expect(!reason.isEmpty)
    }

    @Test func cellsReadBareDayMonthAndYear() {
        #expect(VnDateParser.parse("30/5")?.date?.value == "XXXX-05-30")
        #expect(VnDateParser.parse("2023")?.date?.value == "2023")
        // …but running text does not.
        #expect(VnDateParser.findAll(in: "đạt 24/24 giờ, 2023 hộ dân").isEmpty)
    }

    /// Numbers that look like dates inside citations, ratios and quantities.
    @Test(arguments: [
        "Chỉ thị số 7705/CT-BNN-TCCB", "Thông tư số 08/2018/TT-BNN", "Nghị định 98/2023/NĐ-CP", "Luật số 55/2024/QH15",
        "Chỉ thị số 34-CT/TW", "Nơi nhận: UBND tỉnh (b/c); các sở (t/h)", "đạt 15/19 tiêu chí", "tỷ lệ 42/64 tỉnh",
        "tăng 15,5-16%", "ĐT: 0912.345.678", "Hotline 0209 3870 123", "Kế hoạch 5 năm", "QCVN 01:2019/BCT",
        "bản đồ tỷ lệ 1/2000", "giá 7.000 - 7.400đ/kg", "từ 1.001 - 3.000 người", "Quyết định số 12/2021",
        "Số: 05/2024/QĐ-UBND", "Km0 - Km2+571", "bảo vệ 24/24 giờ", "trong 06 tháng", "năm 20",
        "Chỉ thị 29/2003/CT-TTg", "1950 - 2000 ha", "số 11/2022/TT-BLĐTBXH",
    ])
    func notADate(_ text: String) {
        let found = VnDateParser.findAll(in: text).map { String(text[$0.range]) }
        #expect(found.isEmpty, "\(text): \(found)")
    }

    @Test func findsEveryDateLeftToRight() {
        let text = "Căn cứ Chỉ thị số 7705/CT-BNN-TCCB ngày 16/11/2021 của Bộ; Thông tư số 08/2018/TT-BNN ngày "
            + "14 tháng 8 năm 2018; kỷ niệm 75 năm (11/6/1948 - 11/6/2023), giai đoạn 2021-2025; báo cáo "
            + "Quý IV năm 2021 và chậm nhất ngày 10/10/2025."
        let found = VnDateParser.findAll(in: text)
        #expect(found.map { String(text[$0.range]) } == [
            "ngày 16/11/2021", "ngày 14 tháng 8 năm 2018", "11/6/1948 - 11/6/2023", "giai đoạn 2021-2025",
            "Quý IV năm 2021", "chậm nhất ngày 10/10/2025",
        ])
        #expect(found.map { $0.result.date?.value } == [
            "2021-11-16", "2018-08-14", "1948-06-11/2023-06-11", "2021/2025", "2021-36", "2025-10-10",
        ])
    }

    @Test func joinedLinesAndNoise() {
        let text = "Ủy ban nhân dân tỉnh và Thông tư số 11/2022/TT-BLĐTBXH ngày 30/6/2022 của Bộ; Giờ ký: 17/04/2024 10:39:42"
        #expect(VnDateParser.findAll(in: text).map { $0.result.date?.value } == ["2022-06-30", "2024-04-17"])
    }

    @Test func jsonShape() throws {
        let d = try #require(VnDateParser.parse("Trước ngày 30/5/2023")?.date)
        #expect(d.json.serialized() == #"{"text":"Trước ngày 30/5/2023","value":"2023-05-30","start":"2023-05-30","end":"2023-05-30","precision":"day","relation":"before","recurrence":null}"#)
    }

    @Test func periodicWithoutADayIsLeftOut() {
        #expect(VnDateParser.findAll(in: "Báo cáo định kỳ hàng tháng, gửi trước ngày 25 hằng tháng").map {
            $0.result.date?.value } == ["XXXX-XX-25"])
    }
}
