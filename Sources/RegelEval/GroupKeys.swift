import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues
/// The key words of every row for a cap's `per` or a measure's `group by`,
/// computed a batch at a time from the keys' kernels, as `GroupIndex`
/// groups them. Each key's words are those of its checked type, whatever
/// representation a batch computed it in: a field's cells, computed words,
/// and constants or boxed values converted to words. A value that has no
/// word of its type (text that no cell holds, a list) is numbered among
/// the key's distinct values, beyond every word a cell can have, so equal
/// values have equal words in every batch.
final class GroupKeys {
    let rowCount: Int
    let physical: [PhysicalType]
    private let words: [UnsafeMutablePointer<UInt64>]
    private let valid: [UnsafeMutablePointer<UInt64>]
    /// Per key, the words given to boxed values (for types whose values may have no word).
    private var wordOfValue: [[Value: UInt64]]
    private var numbered: [UInt64]

    init(types: [ValueType], rowCount: Int) {
        self.rowCount = rowCount
        physical = types.map(PhysicalType.init)
        let wordCount = Bits.words(max(1, rowCount))
        words = types.map { _ in
            let p = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, rowCount))
            p.initialize(repeating: 0, count: max(1, rowCount))
            return p
        }
        valid = types.map { _ in
            let p = UnsafeMutablePointer<UInt64>.allocate(capacity: wordCount)
            p.initialize(repeating: 0, count: wordCount)
            return p
        }
        wordOfValue = types.map { _ in [:] }
        numbered = types.map { _ in 0 }
    }

    deinit {
        for p in words + valid { p.deallocate() }
    }

    /// The keys as `GroupIndex` reads them; valid while this object lives.
    var columns: [GroupIndex.KeyColumn] {
        physical.indices.map {
            GroupIndex.KeyColumn(words: CellWords(base: UnsafeRawPointer(words[$0]), width: 8, signExtends: false), valid: valid[$0], physical: physical[$0])
        }
    }

    /// Word `j` of the batch's bitmap of rows whose every key is present.
    func allPresent(_ b: Batch, word j: Int) -> UInt64 {
        var bits: UInt64 = ~0
        for v in valid { bits &= v[(b.start >> 6) + j] }
        return bits
    }

    /// Evaluates the keys for the batch's active rows and stores their words.
    func fill(_ b: Batch, _ kernels: [Kernel]) {
        for (k, kernel) in kernels.enumerated() {
            let v = kernel.eval(b)
            let out = words[k] + b.start, outValid = valid[k] + (b.start >> 6)
            switch v {
            case .constant(let value):
                let word = self.word(value, k, b)
                for i in 0..<b.count { out[i] = word ?? 0 }
                let bits = word == nil ? Bits.none(b.count) : Bits.all(b.count)
                for j in bits.indices { outValid[j] = bits[j] }
            case .column, .words, .truth:
                if physical[k] != .list, b.physical(v) == physical[k] {
                    let w = b.operand(v, physical: physical[k])
                    w.w.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: b.count) }
                    for j in w.valid.indices { outValid[j] = w.valid[j] }
                    continue
                }
                // Another representation (codes of another list, boxed lists): value by value.
                fallthrough
            case .boxed:
                for j in 0..<Bits.words(b.count) { outValid[j] = 0 }
                for i in 0..<b.count {
                    guard let word = self.word(b.value(v, i), k, b) else { out[i] = 0; continue }
                    out[i] = word
                    outValid[i >> 6] |= 1 << UInt64(i & 63)
                }
            }
        }
    }

    /// The word of a boxed value for key `k`; nil when it is missing.
    private func word(_ value: Value, _ k: Int, _ b: Batch) -> UInt64? {
        if value.isMissing { return nil }
        switch physical[k] {
        case .text, .code, .list:
            if let word = wordOfValue[k][value] { return word }
            // Text a cell holds has its id; other values a number past every id and code index.
            let word = Column.word(value, physical[k], b.table.dictionary, intern: false) ?? (1 << 32 | numbered[k])
            if word >= 1 << 32 { numbered[k] += 1 }
            wordOfValue[k][value] = word
            return word
        default:
            // A value of the key's own checked type always has a word.
            return Column.word(value, physical[k], b.table.dictionary, intern: false)
        }
    }
}
