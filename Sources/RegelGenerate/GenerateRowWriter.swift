import RegelBuiltins

/// The output formats of `regelverk generate`.
public enum GenerateFormat: String, Sendable, CaseIterable {
    case csv
    case jsonl
}

/// Texts written many times (unit names, roles): encoded once for CSV
/// (RFC 4180 quotes when the text has `,`, `"`, `;` or a line break) and
/// once as a JSON string, then copied as bytes.
final class GenerateTexts: @unchecked Sendable {
    let count: Int
    private let bytes: UnsafeMutablePointer<UInt8>
    private let csvStart: [Int], csvLength: [Int]
    private let jsonStart: [Int], jsonLength: [Int]

    init(_ texts: [String]) {
        count = texts.count
        var all: [UInt8] = []
        var cs: [Int] = [], cl: [Int] = [], js: [Int] = [], jl: [Int] = []
        for t in texts {
            let u = Array(t.utf8)
            let quote = u.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x3B || $0 == 0x0A || $0 == 0x0D }
            cs.append(all.count)
            if quote {
                all.append(0x22)
                for b in u { all.append(b); if b == 0x22 { all.append(0x22) } }
                all.append(0x22)
            } else {
                all += u
            }
            cl.append(all.count - cs.last!)
            js.append(all.count)
            all.append(0x22)
            for b in u {
                switch b {
                case 0x22: all += [0x5C, 0x22]
                case 0x5C: all += [0x5C, 0x5C]
                case 0x0A: all += [0x5C, 0x6E]
                case 0x0D: all += [0x5C, 0x72]
                case 0x09: all += [0x5C, 0x74]
                case ..<0x20: all += Array("\\u00\(b < 16 ? "0" : "")\(String(b, radix: 16))".utf8)
                default: all.append(b)
                }
            }
            all.append(0x22)
            jl.append(all.count - js.last!)
        }
        bytes = .allocate(capacity: max(all.count, 1))
        bytes.initialize(from: all, count: all.count)
        csvStart = cs; csvLength = cl; jsonStart = js; jsonLength = jl
    }

    deinit { bytes.deallocate() }

    @inline(__always) func csv(_ i: Int) -> (UnsafePointer<UInt8>, Int) { (UnsafePointer(bytes + csvStart[i]), csvLength[i]) }
    @inline(__always) func json(_ i: Int) -> (UnsafePointer<UInt8>, Int) { (UnsafePointer(bytes + jsonStart[i]), jsonLength[i]) }
}

/// Writes rows field by field into a large buffer and hands full chunks to
/// `sink`, so memory stays constant however many rows are written. Fields
/// are written in column order; `missing()` leaves a CSV cell empty and
/// omits the key from a JSON object.
struct GenerateRowWriter {
    static let chunkSize = 4 << 20
    /// More than any one row can take (unit names are short).
    static let rowReserve = 8192

    let format: GenerateFormat
    let limit: Int
    private(set) var rows = 0
    private(set) var failed = false
    private let keys: GenerateTexts
    private let buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var column = 0
    private var wroteField = false
    private let sink: (UnsafeRawBufferPointer) -> Bool
    private let dates: DateTexts

    init(
        format: GenerateFormat, columns: [String], limit: Int, dates: DateTexts,
        sink: @escaping (UnsafeRawBufferPointer) -> Bool
    ) {
        self.format = format
        self.limit = limit
        self.sink = sink
        self.dates = dates
        keys = GenerateTexts(columns)
        buffer = .allocate(capacity: GenerateRowWriter.chunkSize + GenerateRowWriter.rowReserve)
        if format == .csv {
            for (i, name) in columns.enumerated() {
                if i > 0 { put(0x2C) }
                for b in name.utf8 { put(b) }
            }
            put(0x0A)
        }
    }

    /// True once `limit` rows are written: the models stop there, even
    /// within a day's group of rows.
    var isFull: Bool { rows >= limit || failed }

    /// Writes what is left and frees the buffer.
    mutating func finish() {
        flush()
        buffer.deallocate()
    }

    private mutating func flush() {
        if used > 0 && !failed {
            if !sink(UnsafeRawBufferPointer(start: buffer, count: used)) { failed = true }
        }
        used = 0
    }

    // MARK: Rows

    @inline(__always)
    mutating func begin() {
        if used >= GenerateRowWriter.chunkSize { flush() }
        column = 0
        wroteField = false
        if format == .jsonl { put(0x7B) }
    }

    @inline(__always)
    mutating func end() {
        if format == .jsonl { put(0x7D) }
        put(0x0A)
        rows += 1
    }

    // MARK: Fields

    @inline(__always)
    private mutating func field() {
        if format == .csv {
            if column > 0 { put(0x2C) }
        } else {
            if wroteField { put(0x2C) }
            let (p, n) = keys.json(column)
            copy(p, n)
            put(0x3A)
            wroteField = true
        }
        column += 1
    }

    @inline(__always)
    mutating func missing() {
        if format == .csv && column > 0 { put(0x2C) }
        column += 1
    }

    /// Text `i` of a table (quoted as the format needs).
    @inline(__always)
    mutating func text(_ table: GenerateTexts, _ i: Int) {
        field()
        let (p, n) = format == .csv ? table.csv(i) : table.json(i)
        copy(p, n)
    }

    /// A code or other text that needs no quoting in CSV and no escaping in JSON.
    @inline(__always)
    mutating func code(_ s: StaticString) {
        field()
        if format == .jsonl { put(0x22) }
        copy(s.utf8Start, s.utf8CodeUnitCount)
        if format == .jsonl { put(0x22) }
    }

    /// `ja`/`nej` in CSV, `true`/`false` in JSON.
    @inline(__always)
    mutating func bool(_ b: Bool) {
        field()
        if format == .csv {
            if b { put(0x6A); put(0x61) } else { put(0x6E); put(0x65); put(0x6A) }
        } else {
            let s: StaticString = b ? "true" : "false"
            copy(s.utf8Start, s.utf8CodeUnitCount)
        }
    }

    /// `YYYY-MM-DD`.
    @inline(__always)
    mutating func date(_ d: Day) {
        field()
        if format == .jsonl { put(0x22) }
        dates.write(d, to: buffer + used)
        used += 10
        if format == .jsonl { put(0x22) }
    }

    /// `HH:MM` from minutes after midnight.
    @inline(__always)
    mutating func time(_ minutes: Int) {
        field()
        if format == .jsonl { put(0x22) }
        let h = minutes / 60, m = minutes % 60
        put(UInt8(48 + h / 10)); put(UInt8(48 + h % 10)); put(0x3A)
        put(UInt8(48 + m / 10)); put(UInt8(48 + m % 10))
        if format == .jsonl { put(0x22) }
    }

    /// A prefix and a zero-padded number: `SK00001234`.
    @inline(__always)
    mutating func id(_ prefix: StaticString, _ n: Int, width: Int) {
        field()
        if format == .jsonl { put(0x22) }
        copy(prefix.utf8Start, prefix.utf8CodeUnitCount)
        digits(n, width: width)
        if format == .jsonl { put(0x22) }
    }

    /// `YYYYMMDD-NNNC`, or `YYYYMMDDNNNC` without hyphen.
    @inline(__always)
    mutating func personnummer(_ twelveDigits: UInt64, hyphen: Bool) {
        field()
        if format == .jsonl { put(0x22) }
        let p = buffer + used
        var v = twelveDigits
        let n = hyphen ? 13 : 12
        var i = n - 1
        while i >= 0 {
            if hyphen && i == 8 { p[i] = 0x2D } else { p[i] = UInt8(48 + v % 10); v /= 10 }
            i -= 1
        }
        used += n
        if format == .jsonl { put(0x22) }
    }

    /// A list of codes: `a|b` in CSV, `["a","b"]` in JSON; an empty list is missing.
    @inline(__always)
    mutating func list(_ items: CodeList) {
        if items.isEmpty { missing(); return }
        field()
        if format == .jsonl { put(0x5B) }
        for k in 0..<items.count {
            if k > 0 { put(format == .csv ? 0x7C : 0x2C) }
            let s = items[k]
            if format == .jsonl { put(0x22) }
            copy(s.utf8Start, s.utf8CodeUnitCount)
            if format == .jsonl { put(0x22) }
        }
        if format == .jsonl { put(0x5D) }
    }

    // MARK: Bytes

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        buffer[used] = b
        used += 1
    }

    @inline(__always)
    private mutating func copy(_ p: UnsafePointer<UInt8>, _ n: Int) {
        (buffer + used).update(from: p, count: n)
        used += n
    }

    @inline(__always)
    private mutating func digits(_ n: Int, width: Int) {
        var len = 1
        var t = n
        while t >= 10 { t /= 10; len += 1 }
        let w = max(len, width)
        let p = buffer + used
        var v = n
        var i = w - 1
        while i >= 0 { p[i] = UInt8(48 + v % 10); v /= 10; i -= 1 }
        used += w
    }
}

/// Up to four codes of a list cell (`attribut`, `kva`), without allocating.
struct CodeList {
    private var a: StaticString = ""
    private var b: StaticString = ""
    private var c: StaticString = ""
    private var d: StaticString = ""
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(_ i: Int) -> StaticString {
        switch i {
        case 0: a
        case 1: b
        case 2: c
        default: d
        }
    }

    @inline(__always)
    mutating func append(_ s: StaticString) {
        switch count {
        case 0: a = s
        case 1: b = s
        case 2: c = s
        case 3: d = s
        default: return
        }
        count += 1
    }

    /// The list without `s`.
    func removing(_ s: StaticString) -> CodeList {
        var out = CodeList()
        for i in 0..<count {
            let x = self[i]
            var same = x.utf8CodeUnitCount == s.utf8CodeUnitCount
            if same { for k in 0..<s.utf8CodeUnitCount where x.utf8Start[k] != s.utf8Start[k] { same = false; break } }
            if !same { out.append(x) }
        }
        return out
    }

    /// Swaps the first two items.
    mutating func swapFirstTwo() {
        if count >= 2 { swap(&a, &b) }
    }
}

/// `YYYY-MM-DD` of every day in a range, made once.
final class DateTexts: @unchecked Sendable {
    let first: Int32
    let count: Int
    private let bytes: UnsafeMutablePointer<UInt8>

    init(from: Day, through: Day) {
        first = from.ordinal
        count = Int(through.ordinal - from.ordinal) + 1
        bytes = .allocate(capacity: count * 10)
        for i in 0..<count { DateTexts.format(Day(ordinal: first + Int32(i)), bytes + i * 10) }
    }

    deinit { bytes.deallocate() }

    @inline(__always)
    func write(_ d: Day, to p: UnsafeMutablePointer<UInt8>) {
        let i = Int(d.ordinal - first)
        if i >= 0 && i < count { p.update(from: bytes + i * 10, count: 10) } else { DateTexts.format(d, p) }
    }

    static func format(_ d: Day, _ p: UnsafeMutablePointer<UInt8>) {
        let (y, m, dd) = d.components
        p[0] = UInt8(48 + y / 1000 % 10); p[1] = UInt8(48 + y / 100 % 10)
        p[2] = UInt8(48 + y / 10 % 10); p[3] = UInt8(48 + y % 10)
        p[4] = 0x2D
        p[5] = UInt8(48 + m / 10); p[6] = UInt8(48 + m % 10)
        p[7] = 0x2D
        p[8] = UInt8(48 + dd / 10); p[9] = UInt8(48 + dd % 10)
    }
}
