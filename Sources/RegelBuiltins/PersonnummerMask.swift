/// Personnummer and samordningsnummer in outputs: the birth date (and the
/// separator) stay, the birth number and check digit become `****`, so
/// `19811218-1234` is shown as `19811218-****`. Enough to tell records apart
/// and to find one in the source system together with its record id and
/// line, without passing the full number to everyone who reads a report.
public enum PersonnummerMask {
    public static let hidden = "****"

    /// A value that is (or should have been) a personnummer: a well-formed
    /// one keeps all but its last four digits; a malformed one keeps at most
    /// its leading six or eight digits and their separator, so a typo never
    /// shows more than a well-formed number would.
    public static func mask(_ text: String) -> String {
        if text.isEmpty { return text }
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { ranges(in: $0) }
        if found.count == 1, found[0].whole == bytes.indices { return String(decoding: bytes[..<found[0].hidden.lowerBound], as: UTF8.self) + hidden }
        var leading = 0
        while leading < bytes.count, isDigit(bytes[leading]) { leading += 1 }
        if leading == 6 || leading == 8, leading < bytes.count, bytes[leading] == minus || bytes[leading] == plus {
            return String(decoding: bytes[...leading], as: UTF8.self) + hidden
        }
        return leading >= 6 ? String(decoding: bytes.prefix(6), as: UTF8.self) + hidden : hidden
    }

    /// `text` with every personnummer or samordningsnummer in it masked: a run
    /// of 10 or 12 digits, or 6 or 8 digits, `-` or `+` and 3 to 5 digits, not
    /// part of a longer word or number, whose date part has a month 01–12 and
    /// a day 01–31 (61–91 for a samordningsnummer). The digits after the date
    /// become `****`. Neither the check digit nor the exact length after the
    /// separator is required: a number with a typo in it is still somebody's.
    public static func maskAll(in text: String) -> String {
        guard hasLongDigitRun(text.utf8) else { return text }
        let bytes = Array(text.utf8)
        let found = bytes.withUnsafeBufferPointer { ranges(in: $0) }
        guard !found.isEmpty else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        for r in found {
            out.append(contentsOf: bytes[at..<r.hidden.lowerBound])
            out.append(contentsOf: hidden.utf8)
            at = r.hidden.upperBound
        }
        out.append(contentsOf: bytes[at...])
        return String(decoding: out, as: UTF8.self)
    }

    /// Six digits in a row: the least any written form has. Most texts have
    /// none, and are passed on without copying.
    private static func hasLongDigitRun(_ utf8: String.UTF8View) -> Bool {
        var run = 0
        for b in utf8 {
            run = isDigit(b) ? run + 1 : 0
            if run == 6 { return true }
        }
        return false
    }

    /// Each number found: where it is, and the part of it that is hidden.
    private struct Found {
        var whole: Range<Int>
        var hidden: Range<Int>
    }

    private static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Found] {
        var found: [Found] = []
        var i = 0
        let n = bytes.count
        while i < n {
            guard isDigit(bytes[i]) else { i += 1; continue }
            let start = i
            while i < n, isDigit(bytes[i]) { i += 1 }
            let run = i - start
            if start > 0, isWordByte(bytes[start - 1]) { continue }
            // The decimals of a number (`3.1201151234`), not a number of their own.
            if start > 1, bytes[start - 1] == dot || bytes[start - 1] == comma, isDigit(bytes[start - 2]) { continue }
            let end: Int
            if run == 6 || run == 8, i + 1 < n, bytes[i] == minus || bytes[i] == plus, isDigit(bytes[i + 1]) {
                var after = i + 1
                while after < n, isDigit(bytes[after]) { after += 1 }
                guard (3...5).contains(after - i - 1) else { i = after; continue }
                end = after
            } else if run == 10 || run == 12 {
                end = i
            } else {
                continue
            }
            if end < n, isWordByte(bytes[end]) { i = end; continue }
            let dateDigits = run == 12 || run == 8 ? 8 : 6
            if hasDate(bytes, start, dateDigits: dateDigits) {
                let kept = end == i ? start + dateDigits : i + 1
                found.append(Found(whole: start..<end, hidden: kept..<end))
            }
            i = end
        }
        return found
    }

    private static func hasDate(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, dateDigits: Int) -> Bool {
        let m = start + dateDigits - 4
        let month = Int(bytes[m] - zero) * 10 + Int(bytes[m + 1] - zero)
        let day = Int(bytes[m + 2] - zero) * 10 + Int(bytes[m + 3] - zero)
        return (1...12).contains(month) && ((1...31).contains(day) || (61...91).contains(day))
    }

    private static let zero: UInt8 = 0x30, minus: UInt8 = 0x2D, plus: UInt8 = 0x2B, dot: UInt8 = 0x2E, comma: UInt8 = 0x2C

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    /// ASCII letters and digits: a number glued to them is part of a word
    /// (`ID198112181234x`) or a longer number, not a personnummer.
    @inline(__always) private static func isWordByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20) &- 0x61 < 26
    }
}
