import Foundation

// Placeholder until the rules engine lands; replaced wholesale.
/// Runs the validation rules of `rules/checks/*.yaml` over a record's JSON.
public struct Validator: Sendable {
    public init(rulesDirectory: URL, extra: [URL] = []) throws {}

    public func validate(_ record: JSONValue) -> [Diagnostic] { [] }
}
