import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// The column names of the generated query, in one place so that the
/// conversion, the expressions and the findings agree on them.
struct SQLNames {
    let dialect: SQLDialect
    let fields: [FieldInfo]

    func raw(_ slot: Int) -> String { dialect.quote("t_" + fields[slot].name) }
    func value(_ slot: Int) -> String { dialect.quote("f_" + fields[slot].name) }
    func bad(_ slot: Int) -> String { dialect.quote("b_" + fields[slot].name) }
    func source(_ slot: Int) -> String { dialect.quote(fields[slot].name) }
    func aggregate(_ index: Int) -> String { dialect.quote("a_\(index)") }
    var ordinal: String { dialect.quote("_ord") }

    /// A field read in a record: `c."f_datum"`.
    func field(_ alias: String, _ slot: Int) -> String { alias + "." + value(slot) }
}
