import Foundation
import Hummingbird
import ThiduaCore
import ThiduaStore

/// A refusal with a stable code: `{"error": {"code", "message"}}`. Codes are the CLI's
/// causes (`ThiduaError.Code`: `pdf-damaged`, `too-large`, …) where one applies.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad-request", message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, "not-found", message) }

    /// A document that could not be read: the caller's fault (422), but for the server's own faults.
    static func cause(_ code: String?, _ message: String) -> APIError {
        let code = code ?? ThiduaError.Code.internalError.rawValue
        switch code {
        case ThiduaError.Code.tooLarge.rawValue: return APIError(.contentTooLarge, code, message)
        case ThiduaError.Code.store.rawValue: return APIError(.serviceUnavailable, code, message)
        case ThiduaError.Code.rules.rawValue, ThiduaError.Code.internalError.rawValue:
            return APIError(.internalServerError, code, message)
        default: return APIError(.unprocessableContent, code, message)
        }
    }

    var json: JSONValue {
        .object([("error", .object([("code", .string(code)), ("message", .string(message))]))])
    }

    /// Any error thrown by a handler or by Hummingbird, as the API answers it.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as StoreError: return APIError(.serviceUnavailable, "store", e.message)
        case let e as ThiduaError: return cause(e.code.rawValue, e.message)
        case let e as any HTTPResponseError:
            let status = e.status
            switch status.code {
            case 404: return .notFound("no such resource")
            case 413: return APIError(.contentTooLarge, ThiduaError.Code.tooLarge.rawValue, "the request body is too large")
            case 405: return APIError(status, "method-not-allowed", "method not allowed")
            default: return APIError(status, "http-\(status.code)", status.reasonPhrase)
            }
        default: return APIError(.internalServerError, "internal", "\(error)")
        }
    }
}
