import Foundation

// Placeholders until the DOCX/ODT/HTML/RTF/DOC decoders land; replaced wholesale.
public enum ODTDecoder {
    public static func decode(_ data: Data) throws -> DecodedDocument {
        throw ThiduaError(.unsupportedFormat, "ODT reading is not built yet")
    }
}

public enum HTMLDecoder {
    public static func decode(_ data: Data) throws -> DecodedDocument {
        throw ThiduaError(.unsupportedFormat, "HTML reading is not built yet")
    }
}

public enum LegacyOfficeDecoder {
    public static func decode(_ data: Data, format: DocumentFormat) throws -> DecodedDocument {
        throw ThiduaError(.unsupportedFormat, "\(format.rawValue.uppercased()) reading is not built yet")
    }
}
