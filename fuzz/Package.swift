// swift-tools-version:6.1
// libFuzzer targets for thidua's decoders and normalizers. A package of its own, so that
// `swift build` / `swift test` of thidua never see them; build and run with scripts/fuzz.sh.
import PackageDescription

let targets = ["FuzzPDF", "FuzzOffice", "FuzzHTML", "FuzzText", "FuzzDate", "FuzzNumber", "FuzzCitation"]

let package = Package(
    name: "thidua-fuzz",
    dependencies: [.package(name: "thidua", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "ThiduaCore", package: "thidua")]),
    ] + targets.map { .executableTarget(name: $0, dependencies: ["FuzzSupport"]) }
)
