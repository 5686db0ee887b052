import Foundation
import ZIPFoundation

/// The ZIP container of a DOCX or ODT, opened with limits. The central
/// directory is read first (entry count, declared sizes, ratios, encryption
/// flags) and refused before anything is inflated; while inflating, the bytes
/// actually produced are counted, so a lying size field cannot get past the cap.
struct OfficeArchive {
    static let maxTotalUncompressed: UInt64 = 256 << 20
    static let maxEntries = 20_000
    static let maxRatio: UInt64 = 200
    /// Entries smaller than this are not ratio-checked (small XML compresses well).
    static let ratioFloor: UInt64 = 4 << 20

    struct EntryInfo {
        var flags: UInt16
        var method: UInt16
        var compressed: UInt64
        var uncompressed: UInt64
        /// The entry is a symbolic link (Unix mode in the external attributes).
        var isLink = false
    }

    let kind: String
    let entries: [String: EntryInfo]
    private let archive: Archive

    init(_ data: Data, kind: String) throws {
        self.kind = kind
        let bytes = [UInt8](data)
        entries = try Self.centralDirectory(bytes, kind: kind)
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw ThiduaError(.zipDamaged, "\(kind) archive is damaged (\(error))")
        }
    }

    /// The bytes of one part, or nil when the archive has no such entry.
    func read(_ path: String) throws -> Data? {
        guard let info = entries[path] else { return nil }
        guard let entry = archive[path] else {
            throw ThiduaError(.zipDamaged, "\(kind) archive is damaged (entry \(path) unreadable)")
        }
        // The declared size passed the checks; actual output may not exceed it.
        let cap = min(info.uncompressed, Self.maxTotalUncompressed)
        var out = Data()
        out.reserveCapacity(Int(min(cap, 64 << 20)))
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                if UInt64(out.count + chunk.count) > cap {
                    throw ThiduaError(.zipBomb, "\(kind) entry \(path) inflates past its declared size")
                }
                out.append(chunk)
            }
        } catch let e as ThiduaError {
            throw e
        } catch {
            throw ThiduaError(.zipDamaged, "\(kind) archive is damaged (\(path): \(error))")
        }
        return out
    }

    // MARK: central directory

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    private static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }

    /// The entry's local header lies before the central directory, and its data too.
    private static func checkLocalHeader(_ b: [UInt8], at offset: UInt64, compressed: UInt64, before cdOffset: UInt64,
                                         damaged: ThiduaError) throws {
        guard offset <= cdOffset, cdOffset - offset >= 30 else { throw damaged }
        let o = Int(offset)
        guard u32(b, o) == 0x0403_4B50 else { throw damaged }
        let header = 30 + UInt64(u16(b, o + 26)) + UInt64(u16(b, o + 28))
        guard header <= cdOffset - offset, compressed <= cdOffset - offset - header else { throw damaged }
    }

    static func centralDirectory(_ b: [UInt8], kind: String) throws -> [String: EntryInfo] {
        let damaged = ThiduaError(.zipDamaged, "\(kind) archive is damaged (no central directory)")
        guard b.count >= 22 else { throw damaged }
        // End of central directory: last record, within the final 64 KiB + 22 bytes.
        var eocd = -1
        var i = b.count - 22
        let stop = max(0, b.count - 22 - 65_535)
        while i >= stop {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw damaged }
        // ZIPFoundation finds the record on its own and trusts what it reads there and in
        // the central directory (a range built from a mutated offset traps the process):
        // everything it will read is checked here first. One disk, a comment reaching
        // exactly to the end (no second record hiding after it), counts that agree.
        guard u16(b, eocd + 4) == 0, u16(b, eocd + 6) == 0, u16(b, eocd + 8) == u16(b, eocd + 10),
            eocd + 22 + Int(u16(b, eocd + 20)) == b.count
        else { throw damaged }
        var count = UInt64(u16(b, eocd + 10))
        var cdSize = UInt64(u32(b, eocd + 12))
        var cdOffset = UInt64(u32(b, eocd + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the EOCD record.
            let loc = eocd - 20
            guard loc >= 0, u32(b, loc) == 0x0706_4B50 else { throw damaged }
            let z = u64(b, loc + 8)
            guard b.count >= 56, z <= UInt64(b.count - 56), u32(b, Int(z)) == 0x0606_4B50 else { throw damaged }
            count = u64(b, Int(z) + 32)
            cdSize = u64(b, Int(z) + 40)
            cdOffset = u64(b, Int(z) + 48)
        }
        if count > UInt64(maxEntries) {
            throw ThiduaError(.zipBomb, "\(kind) archive has \(count) entries (limit \(maxEntries))")
        }
        // The central directory lies between the entries and the end record.
        guard cdOffset <= UInt64(eocd), cdSize <= UInt64(eocd) - cdOffset else { throw damaged }
        var entries: [String: EntryInfo] = [:]
        var p = Int(cdOffset)
        let end = Int(cdOffset + cdSize)
        var total: UInt64 = 0
        for _ in 0..<count {
            guard p + 46 <= end, u32(b, p) == 0x0201_4B50 else { throw damaged }
            let flags = u16(b, p + 8)
            let method = u16(b, p + 10)
            var comp = UInt64(u32(b, p + 20))
            var uncomp = UInt64(u32(b, p + 24))
            let nameLen = Int(u16(b, p + 28))
            let extraLen = Int(u16(b, p + 30))
            let commentLen = Int(u16(b, p + 32))
            var localOffset = UInt64(u32(b, p + 42))
            guard u16(b, p + 34) == 0, p + 46 + nameLen + extraLen + commentLen <= end else { throw damaged }
            let name = String(decoding: b[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            // Made on Unix (host 3): the high half of the external attributes is the file mode.
            let mode = (u32(b, p + 38) >> 16) & 0o170000
            let isLink = u16(b, p + 4) >> 8 == 3 && mode == 0o120000
            if uncomp == 0xFFFF_FFFF || comp == 0xFFFF_FFFF {
                // ZIP64 extended information extra field (id 1).
                var e = p + 46 + nameLen
                let eEnd = e + extraLen
                while e + 4 <= eEnd {
                    let id = u16(b, e)
                    let len = Int(u16(b, e + 2))
                    if id == 1 {
                        var q = e + 4
                        if uncomp == 0xFFFF_FFFF, q + 8 <= eEnd { uncomp = u64(b, q); q += 8 }
                        if comp == 0xFFFF_FFFF, q + 8 <= eEnd { comp = u64(b, q); q += 8 }
                        if localOffset == 0xFFFF_FFFF, q + 8 <= eEnd { localOffset = u64(b, q) }
                    }
                    e += 4 + len
                }
            }
            if flags & 1 != 0 {
                throw ThiduaError(.encrypted, "\(kind) is password-protected (encrypted ZIP entries)")
            }
            if method != 0 && method != 8 {
                throw ThiduaError(.zipDamaged, "\(kind) entry \(name) uses unsupported compression method \(method)")
            }
            if uncomp > ratioFloor, uncomp / max(comp, 1) > maxRatio {
                throw ThiduaError(.zipBomb, "\(kind) entry \(name) expands \(uncomp / max(comp, 1)):1 (zip bomb)")
            }
            total &+= uncomp
            if total > maxTotalUncompressed {
                throw ThiduaError(.zipBomb, "\(kind) archive expands past \(maxTotalUncompressed >> 20) MiB (zip bomb)")
            }
            try checkLocalHeader(b, at: localOffset, compressed: comp, before: cdOffset, damaged: damaged)
            entries[name] = EntryInfo(flags: flags, method: method, compressed: comp, uncompressed: uncomp, isLink: isLink)
            p += 46 + nameLen + extraLen + commentLen
        }
        return entries
    }
}
