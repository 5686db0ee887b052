import CLibXML2
import Foundation

/// A parsed XML or HTML document: the libxml2 tree, owned here and freed in
/// `deinit`. The only file that touches libxml2; decoders walk `MarkupNode`s.
final class MarkupDocument {
    fileprivate let doc: xmlDocPtr

    private init(_ doc: xmlDocPtr) { self.doc = doc }
    deinit { xmlFreeDoc(doc) }

    var root: MarkupNode? {
        guard let r = xmlDocGetRootElement(doc) else { return nil }
        return MarkupNode(r, self)
    }

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses one XML part of an office package. No network, no DTD loading,
    /// no entity substitution, libxml2's default depth (256) and amplification
    /// limits stay on (no XML_PARSE_HUGE). A DOCTYPE is refused before libxml2
    /// sees the bytes: office parts never carry one, and a DTD is where entity
    /// tricks (XXE, billion laughs) live.
    static func xml(_ data: Data, part: String, kind: String) throws -> MarkupDocument {
        _ = initialized
        if declaresDoctype(data) {
            throw ThiduaError(.xmlUnsafe, "\(kind) part \(part) declares a DTD (entities refused)")
        }
        guard data.count < Int(Int32.max) else { throw ThiduaError(.tooLarge, "\(kind) part \(part) is too large") }
        try MarkupLimits.checkAttributes(data, kind: "\(kind) part \(part)")
        guard let ctxt = xmlNewParserCtxt() else { throw ThiduaError(.internalError, "libxml2 could not start") }
        defer { xmlFreeParserCtxt(ctxt) }
        let opts = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue)
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            return xmlCtxtReadMemory(ctxt, base.assumingMemoryBound(to: CChar.self), Int32(raw.count),
                                     part, nil, opts)
        }
        guard let doc else {
            throw xmlError(ctxt, part: part, kind: kind)
        }
        let result = MarkupDocument(doc)
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            throw ThiduaError(.xmlUnsafe, "\(kind) part \(part) declares a DTD (entities refused)")
        }
        return result
    }

    /// Parses HTML leniently (recover, no network, no messages). `encoding` is the
    /// charset the caller found; nil lets libxml2 sniff.
    static func html(_ data: Data, encoding: String?) throws -> MarkupDocument {
        _ = initialized
        guard data.count < Int(Int32.max) else { throw ThiduaError(.tooLarge, "HTML file is too large") }
        try MarkupLimits.checkAttributes(data, kind: "HTML")
        guard let ctxt = htmlNewParserCtxt() else { throw ThiduaError(.internalError, "libxml2 could not start") }
        defer { htmlFreeParserCtxt(ctxt) }
        let opts = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            return htmlCtxtReadMemory(ctxt, base.assumingMemoryBound(to: CChar.self), Int32(raw.count),
                                      "page.html", encoding, opts)
        }
        guard let doc else {
            let e = xmlError(ctxt, part: "page", kind: "HTML")
            if e.code == .tooDeep { throw e }
            throw ThiduaError(.xmlDamaged, "HTML could not be parsed")
        }
        let result = MarkupDocument(doc)
        // libxml2 stops building the tree at depth 256 and (with RECOVER) hands back
        // what it had: a silently truncated page. Say so instead.
        if let err = xmlCtxtGetLastError(UnsafeMutableRawPointer(ctxt)), let m = err.pointee.message,
           String(cString: m).localizedCaseInsensitiveContains("excessive depth") {
            throw ThiduaError(.tooDeep, "HTML is nested too deeply (over 256 levels)")
        }
        return result
    }

    /// True when libxml2 can convert from this charset name.
    static func knowsEncoding(_ name: String) -> Bool {
        _ = initialized
        guard let h = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(h)
        return true
    }

    private static func xmlError(_ ctxt: xmlParserCtxtPtr, part: String, kind: String) -> ThiduaError {
        guard let err = xmlCtxtGetLastError(UnsafeMutableRawPointer(ctxt)) else {
            return ThiduaError(.xmlDamaged, "\(kind) part \(part) is not well-formed XML")
        }
        let code = Int(err.pointee.code)
        let msg = err.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "parse error"
        let line = err.pointee.line
        if msg.localizedCaseInsensitiveContains("depth") {
            return ThiduaError(.tooDeep, "\(kind) part \(part) is nested too deeply")
        }
        if code == Int(XML_ERR_ENTITY_LOOP.rawValue) || msg.localizedCaseInsensitiveContains("amplification")
            || msg.localizedCaseInsensitiveContains("entity reference loop") {
            return ThiduaError(.xmlUnsafe, "\(kind) part \(part): \(msg)")
        }
        return ThiduaError(.xmlDamaged, "\(kind) part \(part) is damaged XML (line \(line): \(msg))")
    }

    /// Looks for `<!DOCTYPE` in the prolog (before the root element).
    static func declaresDoctype(_ data: Data) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = b.count
            func has(_ s: StaticString, at k: Int) -> Bool {
                let len = s.utf8CodeUnitCount
                guard k + len <= n else { return false }
                let p = s.utf8Start
                for j in 0..<len {
                    var c = b[k + j]
                    if c >= 0x61 && c <= 0x7A { c -= 0x20 }
                    if c != p[j] { return false }
                }
                return true
            }
            while i < n {
                // UTF-16 parts: a NUL between ASCII bytes; skip NULs so the scan still sees the prolog.
                if b[i] != 0x3C { i += 1; continue }
                if has("<!DOCTYPE", at: i) { return true }
                if has("<!--", at: i) {
                    i += 4
                    while i + 2 < n, !(b[i] == 0x2D && b[i + 1] == 0x2D && b[i + 2] == 0x3E) { i += 1 }
                    i += 3
                    continue
                }
                if has("<?", at: i) { i += 2; continue }
                // First element start: the prolog is over.
                if i + 1 < n, b[i + 1] != 0 { return false }
                i += 1
            }
            return false
        }
    }
}

/// A node of a `MarkupDocument`. Holds its document alive.
struct MarkupNode {
    fileprivate let ptr: xmlNodePtr
    let owner: MarkupDocument

    fileprivate init(_ ptr: xmlNodePtr, _ owner: MarkupDocument) {
        self.ptr = ptr
        self.owner = owner
    }

    var isElement: Bool { ptr.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { ptr.pointee.type == XML_TEXT_NODE || ptr.pointee.type == XML_CDATA_SECTION_NODE }

    /// Local name equals `name` (ASCII, exact case; HTML names are lower case).
    func named(_ name: StaticString) -> Bool {
        guard let n = ptr.pointee.name else { return false }
        return strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// Local name equals `name` and the namespace URI is `ns`.
    func named(_ name: StaticString, ns: StaticString) -> Bool {
        guard named(name), let nsp = ptr.pointee.ns, let href = nsp.pointee.href else { return false }
        return strcmp(UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(ns.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    var name: String { ptr.pointee.name.map { String(cString: $0) } ?? "" }

    /// Content of a text node.
    var text: String { ptr.pointee.content.map { String(cString: $0) } ?? "" }

    /// Byte length of a text node's content, without making a String.
    var textByteCount: Int { ptr.pointee.content.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0 }

    /// An attribute by local name, whatever its namespace.
    func attribute(_ local: StaticString) -> String? {
        var a = ptr.pointee.properties
        let want = UnsafeRawPointer(local.utf8Start).assumingMemoryBound(to: CChar.self)
        while let attr = a {
            if let n = attr.pointee.name, strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self), want) == 0 {
                var value = ""
                var c = attr.pointee.children
                while let t = c {
                    if let content = t.pointee.content { value += String(cString: content) }
                    c = t.pointee.next
                }
                return value
            }
            a = attr.pointee.next
        }
        return nil
    }

    var firstChild: MarkupNode? { ptr.pointee.children.map { MarkupNode($0, owner) } }
    var nextSibling: MarkupNode? { ptr.pointee.next.map { MarkupNode($0, owner) } }
    var parent: MarkupNode? {
        guard let p = ptr.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return MarkupNode(p, owner)
    }

    /// Element children, in order.
    var elements: MarkupChildren { MarkupChildren(first: firstChild) }

    /// Identity for dictionaries keyed by node.
    var address: Int { Int(bitPattern: UnsafeRawPointer(ptr)) }

    static func == (a: MarkupNode, b: MarkupNode) -> Bool { a.ptr == b.ptr }
}

struct MarkupChildren: Sequence, IteratorProtocol {
    var next_: MarkupNode?
    init(first: MarkupNode?) { next_ = first }
    mutating func next() -> MarkupNode? {
        while let n = next_ {
            next_ = n.nextSibling
            if n.isElement { return n }
        }
        return nil
    }
}
