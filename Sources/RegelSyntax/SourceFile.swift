/// A rule file's text, kept as UTF-8 bytes so that spans are byte ranges;
/// lines and columns are computed only when a diagnostic is rendered.
public final class SourceFile: Sendable {
    public let path: String
    public let text: String
    package let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column; the column counts characters, not bytes, so a
    /// caret lands under `journalförd` where the user sees it.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let line = lineIndex(of: offset)
        let start = lineStarts[line]
        let prefix = bytes[start..<min(max(offset, start), bytes.count)]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return (line + 1, column)
    }

    public var lineCount: Int { lineStarts.count }

    public func lineText(_ line: Int) -> String {
        let index = line - 1
        guard index >= 0, index < lineStarts.count else { return "" }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, end <= bytes.count, bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    public func slice(_ span: Span) -> String {
        let lo = max(0, min(span.start, bytes.count)), hi = max(lo, min(span.end, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    private func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// A UTF-8 byte range in one source file.
public struct Span: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public static let none = Span(start: 0, end: 0)
    public func to(_ other: Span) -> Span { Span(start: min(start, other.start), end: max(end, other.end)) }
}
