/// structured.json: `{ssn|con: {integer|string: {valid: [...], invalid: [...]}}}`.
struct StructuredVectors: Decodable, Sendable {
    struct Split<T: Decodable & Sendable>: Decodable, Sendable {
        var valid: [T]
        var invalid: [T]
    }
    struct Group: Decodable, Sendable {
        var integer: Split<Int>
        var string: Split<String>
    }
    var ssn: Group
    var con: Group
}
