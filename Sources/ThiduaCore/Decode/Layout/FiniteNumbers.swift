import Foundation

extension Double {
    /// Beyond any page coordinate or pixel count, and exact in a Double.
    static let clampLimit = 4_503_599_627_370_496.0  // 2^52

    /// This value as an Int, clamped to ±2^52 with NaN as 0. `Int(_:)` traps on a
    /// number out of range, and a coordinate read from a file can be anything.
    var clampedInt: Int {
        guard !isNaN else { return 0 }
        return Int(Swift.min(Swift.max(self, -Self.clampLimit), Self.clampLimit))
    }

    /// This value as an Int32 when it is a whole-enough number inside `range`, else nil.
    func int32(in range: ClosedRange<Int32>) -> Int32? {
        guard isFinite, self >= Double(range.lowerBound), self <= Double(range.upperBound) else { return nil }
        return Int32(self)
    }
}
