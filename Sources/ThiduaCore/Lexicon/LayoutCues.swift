import Foundation
import Yams

/// The fixed words of a document's layout (`rules/lexicon/layout.yaml`), typed and
/// folded once: what marks the Quốc hiệu, the motto, the subject, the recipients list,
/// its archive line, an appendix, and e-signature stamps.
public struct LayoutCues: Sendable, Decodable {
    public struct National: Sendable, Decodable {
        public var parts: [String]
        public var party: [String]
        public var tail: [String]
    }

    public struct Motto: Sendable, Decodable {
        public var opens: [String]
        public var goesOn: [String]
    }

    public struct Stamps: Sendable, Decodable {
        public var header: [String]
        public var signature: [String]
        public var sealed: [String]
    }

    public var national: National
    public var motto: Motto
    public var subject: [String]
    public var salutation: [String]
    public var recipients: [String]
    public var archive: [String]
    public var appendix: [String]
    public var attachedTo: [String]
    public var stamps: Stamps
    /// Words a row opens a new paragraph with, as written ("Căn cứ", "Thực hiện"): a
    /// hard-wrapped row that starts so is never joined to the row above.
    public var paragraphOpeners: [String]

    /// Every list folded without case and marks (`Fold.ascii`), in the order above.
    struct Folded: Sendable {
        var nationalParts, party, nationalTail, mottoOpens, mottoGoesOn: [String]
        var salutation, recipients, archive, appendix, attachedTo: [String]
        var headerStamps, signatureStamps, sealed: [String]
    }
    var folded = Folded(nationalParts: [], party: [], nationalTail: [], mottoOpens: [], mottoGoesOn: [], salutation: [],
                        recipients: [], archive: [], appendix: [], attachedTo: [], headerStamps: [], signatureStamps: [],
                        sealed: [])

    enum CodingKeys: String, CodingKey {
        case national, motto, subject, salutation, recipients, archive, appendix, attachedTo, stamps, paragraphOpeners
    }

    static func load(_ url: URL) throws -> LayoutCues {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ThiduaError(.rules, "\(url.path): cannot read lexicon file")
        }
        var cues: LayoutCues
        do {
            cues = try YAMLDecoder().decode(LayoutCues.self, from: text)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw ThiduaError(.rules, "\(url.lastPathComponent): missing key '\(path)'")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ThiduaError(.rules, "\(url.lastPathComponent): '\(path)' must be a list of phrases")
        } catch {
            throw ThiduaError(.rules, "\(url.lastPathComponent): \(error)")
        }
        let f = { (list: [String]) in list.map { Fold.ascii($0) }.filter { !$0.isEmpty } }
        cues.folded = Folded(
            nationalParts: f(cues.national.parts), party: f(cues.national.party), nationalTail: f(cues.national.tail),
            mottoOpens: f(cues.motto.opens), mottoGoesOn: f(cues.motto.goesOn), salutation: f(cues.salutation),
            recipients: f(cues.recipients), archive: f(cues.archive), appendix: f(cues.appendix),
            attachedTo: f(cues.attachedTo), headerStamps: f(cues.stamps.header),
            signatureStamps: f(cues.stamps.signature), sealed: f(cues.stamps.sealed))
        return cues
    }

    /// The recipients heading's forms, word by word, folded (what OCR's words are matched to).
    public var recipientHeadingWords: [[String]] {
        folded.recipients.map { $0.split(separator: " ").map(String.init) }
    }

    /// A line of the Quốc hiệu or the Party's heading (any part of it: OCR loses words).
    public func isNational(_ t: String) -> Bool {
        let a = Fold.ascii(t)
        return folded.nationalParts.contains { a.has($0) }
    }

    public func isParty(_ t: String) -> Bool {
        let a = Fold.ascii(t)
        return folded.party.contains { a.has($0) }
    }

    /// The Quốc hiệu's last words are on this line (not wrapped onto the next).
    public func endsNational(_ t: String) -> Bool {
        let a = Fold.ascii(t)
        return folded.nationalTail.contains { a.has($0) }
    }

    /// The line is only the Quốc hiệu's wrapped tail ("VIỆT NAM"), or ends with it.
    func nationalTail(of t: String) -> (whole: Bool, suffixLength: Int)? {
        let a = Fold.asciiCollapsed(t)
        for tail in folded.nationalTail {
            if a == tail { return (true, tail.count) }
            if a.hasSuffix(" " + tail) { return (false, tail.count) }
        }
        return nil
    }

    public func isMotto(_ t: String) -> Bool {
        let a = Fold.ascii(t)
        return folded.mottoOpens.contains { a.has($0) } && folded.mottoGoesOn.contains { a.has($0) }
    }

    /// "V/v …", "Về việc …", as written.
    public func isSubjectLine(_ t: String) -> Bool {
        subject.contains { t.hasPrefix($0) }
    }

    public func isSalutation(_ t: String) -> Bool {
        let a = Fold.ascii(t)
        return folded.salutation.contains { a.hasPrefix($0) }
    }

    /// "Nơi nhận:", "Nơi nhận" alone, "Noi nhan" from a scan.
    public func isRecipientsHeading(_ t: String) -> Bool {
        let a = Fold.ascii(t).trimmed
        return folded.recipients.contains { cue in
            guard a.hasPrefix(cue) else { return false }
            let next = a.dropFirst(cue.count).first
            return a.count < cue.count + 4 || next == ":" || next == " "
        }
    }

    /// "Lưu: VT, TCCB." (its bullet already dropped).
    public func isArchiveLine(_ t: String) -> Bool {
        archiveLabelLength(t) != nil
    }

    /// How many characters the archive label takes at the start of `t`.
    func archiveLabelLength(_ t: String) -> Int? {
        let a = Fold.ascii(t)
        return folded.archive.first { a.hasPrefix($0) }?.count
    }

    /// An appendix heading ("PHỤ LỤC", "PH ULỤC" as OCR may space it) or the line naming what
    /// an appendix is attached to ("(Kèm theo Kế hoạch số …)").
    func appendixOpening(_ t: String) -> (isAppendix: Bool, isAttachment: Bool) {
        let a = Fold.ascii(t)
        let bare = a.filter { $0 != " " }
        let appendix = folded.appendix.contains { bare.hasPrefix($0.filter { $0 != " " }) }
        return (appendix, folded.attachedTo.contains { a.hasPrefix($0) })
    }

    /// Text of an e-signature stamp printed over the header ("Ký bởi: …", "Thời gian ký: …").
    public func isHeaderStamp(_ t: String) -> Bool {
        let a = Fold.ascii(t)
        return folded.headerStamps.contains { a.has($0) }
    }

    /// A note in the signature block ("(Đã ký)", "Ký bởi …", "[seal]", "đóng dấu").
    public func isSignatureNote(_ t: String) -> Bool {
        let a = Fold.ascii(t)
        return folded.signatureStamps.contains { a.hasPrefix($0) } || folded.sealed.contains { a.has($0) }
    }
}
