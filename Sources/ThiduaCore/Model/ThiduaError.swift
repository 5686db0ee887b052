import Foundation

/// "Cannot process this file": each case has a stable code; the CLI prints
/// `thidua: FILE: description` on one line.
public struct ThiduaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notFound = "not-found"
        case isDirectory = "is-directory"
        case notRegular = "not-regular"
        case outsideFolder = "outside-folder"
        case unreadable
        case empty
        case tooLarge = "too-large"
        case binary
        case unsupportedFormat = "unsupported-format"
        case pdfDamaged = "pdf-damaged"
        case pdfEncrypted = "pdf-encrypted"
        case zipDamaged = "zip-damaged"
        case zipBomb = "zip-bomb"
        /// A ZIP inbox's entry that is a symbolic link.
        case zipEntryLink = "zip-entry-link"
        /// A ZIP inbox's entry named by an absolute path or one climbing out with `..`.
        case zipEntryPath = "zip-entry-path"
        case encrypted
        case xmlUnsafe = "xml-unsafe"
        case xmlDamaged = "xml-damaged"
        case tooDeep = "too-deep"
        case converterMissing = "converter-missing"
        case converterFailed = "converter-failed"
        case ocrUnavailable = "ocr-unavailable"
        case noText = "no-text"
        case rules
        case store
        case internalError = "internal"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
