// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "thidua",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ThiduaCore", targets: ["ThiduaCore"]),
        .library(name: "ThiduaStore", targets: ["ThiduaStore"]),
        .executable(name: "thidua", targets: ["thidua"]),
        .executable(name: "thidua-bench", targets: ["thidua-bench"]),
        .library(name: "ThiduaServer", targets: ["ThiduaServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through postgres-nio; its SHA-256 makes re-imports cheap.
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"6.0.0"),
        // Already in the graph through postgres-nio: TLS settings for sslmode=require/verify-ca/verify-full.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        // `thidua serve`: the HTTP server, its graceful shutdown and its structured logs.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already in the graph through hummingbird: header names (HTTPField) used by the server.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        .target(
            name: "ThiduaCore",
            dependencies: [
                "CPoppler", "CLibXML2", "CTesseract",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The lexicon, the validation rules and the record schema ship with the library
            // (`rules/` and `schema/` at the checkout root are links to them).
            resources: [.copy("Resources/rules"), .copy("Resources/schema")]),
        .target(
            name: "ThiduaStore",
            dependencies: [
                "ThiduaCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .target(
            name: "ThiduaServer",
            dependencies: [
                "ThiduaCore", "ThiduaStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/static")]),
        .executableTarget(
            name: "thidua-bench",
            dependencies: ["ThiduaCore", "ThiduaStore"]),
        .executableTarget(
            name: "thidua",
            dependencies: [
                "ThiduaCore", "ThiduaStore", "ThiduaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "ThiduaCoreTests",
            // ZIPFoundation writes the DOCX and ODT inputs of the scaling tests.
            dependencies: ["ThiduaCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ThiduaCLITests", dependencies: ["ThiduaCore", "thidua"]),
        .testTarget(name: "ThiduaStoreTests", dependencies: ["ThiduaCore", "ThiduaStore", "thidua"]),
        .testTarget(
            name: "ThiduaServerTests",
            dependencies: [
                "ThiduaCore", "ThiduaStore", "ThiduaServer", "thidua",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
    ]
)
