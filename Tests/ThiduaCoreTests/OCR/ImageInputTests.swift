import Foundation
import Testing
@testable import ThiduaCore

/// PNG, JPEG and multi-page TIFF pages go through OCR like a scanned PDF. The images
/// are rendered from a fixture PDF's pages (pdftoppm), so they hold a real plan.
@Suite(.serialized)
struct ImageInputTests {
    static let pdf = TestSupport.fixtures.appendingPathComponent("seeds/000/doc.pdf")

    static func run(_ tool: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Page `page` of the fixture PDF as an image file of `format` (png, jpeg).
    static func render(_ format: String, page: Int, dpi: Int = 300, in dir: URL) throws -> URL {
        let stem = dir.appendingPathComponent("page-\(format)")
        let status = try run("pdftoppm", ["-\(format)", "-r", String(dpi), "-f", String(page), "-l", String(page),
                                          "-singlefile", Self.pdf.path, stem.path])
        #expect(status == 0, "pdftoppm (poppler-utils) is needed")
        return stem.appendingPathExtension(format == "jpeg" ? "jpg" : format)
    }

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-img-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    @Test(arguments: ["png", "jpeg"])
    func aPhotographedFirstPageGivesKindAndPlace(_ format: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let image = try Self.render(format, page: 1, in: dir)
        // Detected by content: the name says text.
        let disguised = dir.appendingPathComponent("scan-\(format).txt")
        try FileManager.default.copyItem(at: image, to: disguised)
        let record = try TestSupport.pipeline.extract(path: disguised.path)
        #expect(record.source.format == .image)
        #expect(record.source.textLayer == .ocr)
        #expect(record.source.pages == 1)
        #expect((record.source.ocrConfidence ?? 0) > 70)
        #expect(record.document.kind?.code == "KH")
        #expect(record.document.place == "Bắc Kạn")
        #expect(record.document.number?.canonical == "112/KH-SNN")
        #expect(FixtureTests.schema.validate(record.json) == [])
    }

    @Test func aMultiPageTIFFGivesOnePagePerImage() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Self.render("png", page: 1, dpi: 200, in: dir)
        let secondDir = dir.appendingPathComponent("2")
        try FileManager.default.createDirectory(at: secondDir, withIntermediateDirectories: true)
        let second = try Self.render("png", page: 2, dpi: 200, in: secondDir)
        let tiff = dir.appendingPathComponent("two.tiff")
        let script = """
            import sys
            from PIL import Image
            a, b = (Image.open(p).convert('L') for p in sys.argv[1:3])
            a.save(sys.argv[3], save_all=True, append_images=[b], compression='tiff_lzw', dpi=(200, 200))
            """
        let status = try Self.run("python3", ["-c", script, first.path, second.path, tiff.path])
        #expect(status == 0, "python3 with Pillow is needed (scripts/setup.sh --test)")
        guard status == 0 else { return }
        let pages = try TestSupport.pipeline.pageTexts(path: tiff.path)
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { $0.count > 200 })
        let record = try TestSupport.pipeline.extract(path: tiff.path)
        #expect(record.source.format == .image && record.source.pages == 2)
        #expect(record.document.kind?.code == "KH")
    }

    @Test func aDamagedImageIsRefusedWithItsCause() throws {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        #expect(throws: ThiduaError.self) { try TestSupport.pipeline.extract(data: Data(bytes), file: "bad.png") }
        do { _ = try TestSupport.pipeline.extract(data: Data(bytes), file: "bad.png") } catch let e as ThiduaError {
            #expect(e.code == .binary)
            #expect(e.message.contains("cannot be read"))
        }
    }

    @Test func aPNGWithABrokenChunkIsRefusedBeforeLibpng() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var png = try Data(contentsOf: try Self.render("png", page: 1, dpi: 50, in: dir))
        #expect(PNGStructure.isWellFormed(png))
        png[png.count / 2] ^= 0xFF
        #expect(!PNGStructure.isWellFormed(png))
        #expect(!PNGStructure.isWellFormed(png.prefix(png.count - 20)))
    }

    @Test func imagesAreDetectedByTheirSignature() throws {
        #expect(try FormatDetector.detect(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])) == .image)
        #expect(try FormatDetector.detect(Data([0x49, 0x49, 0x2A, 0x00, 8, 0])) == .image)
        #expect(try FormatDetector.detect(Data([0x4D, 0x4D, 0x00, 0x2A, 0, 8])) == .image)
        #expect(try FormatDetector.detect(Data("II* is not a TIFF".utf8)) == .text)
    }
}
