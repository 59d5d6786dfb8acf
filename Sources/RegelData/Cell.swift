/// One raw value of a record, before any typing.
///
/// CSV: an empty cell is `.missing`, anything else `.text`; CSV never yields
/// `.list` (lists inside a cell are split later by the caller).
/// JSON: absent key or `null` → `.missing`; string → `.text`; number → `.text`
/// with the literal exactly as written; `true`/`false` → `.text("true"/"false")`;
/// an array of scalars → `.list` (null items skipped); an object, or an array
/// holding arrays or objects → `.text` of its compact JSON.
public enum Cell: Equatable, Sendable {
    case missing
    case text(String)
    case list([String])
}
