import RegelBuiltins
import RegelCheck
import RegelSyntax
import RegelValues

/// A cap's sequential allocation for Spark, without recursion: one `GROUP
/// BY` of the cap's keys collects each group's records, sorted by their
/// number in the cap's order, and `aggregate` folds over them carrying the
/// dates accepted so far (`accepted`) and each record's outcome (`out`),
/// which `inline` turns back into one row per record. A group is folded by
/// one task, so the work is one shuffle of the capped records plus, per
/// group, its records times its accepted dates (the window counts filter
/// that array), spread over the cluster by group.
extension SQLCapCompiler {
    func fold(run: String, numbered: String, groups: [String], accepted: String, append: String, counts: [(Int, String)]) -> String {
        var fields = ["rn", "_ord", "k0", "capped", "failed"]
        for (j, check) in cap.checks.enumerated() {
            if case .sinceLatest = check.kind { fields.append("latest\(j)") }
        }
        var outTypes = ["\(q("_ord")): BIGINT", "\(q("capped")): BOOLEAN", "\(q("failed")): INT"]
        var outValues = ["'_ord', CAST(rv_s.\(q("_ord")) AS BIGINT)", "'capped', rv_s.\(q("capped"))", "'failed', CAST(rv_s.\(q("failed")) AS INT)"]
        for (j, n) in counts {
            outTypes.append("\(q("count\(j)")): BIGINT")
            outValues.append("'count\(j)', CAST(\(n) AS BIGINT)")
        }
        let outType = "ARRAY<STRUCT<" + outTypes.joined(separator: ", ") + ">>"
        // The struct is sorted by its first field, the record's number in the group.
        let records = "array_sort(collect_list(struct(" + fields.map(q).joined(separator: ", ") + ")))"
        let start = "named_struct('accepted', \(emptyDates), 'out', CAST(array() AS \(outType)))"
        let step =
            "(rv_acc, rv_s) -> named_struct(\n"
            + "      'accepted', CASE WHEN \(accepted) THEN \(append) ELSE rv_acc.\(q("accepted")) END,\n"
            + "      'out', concat(rv_acc.\(q("out")), array(named_struct(" + outValues.joined(separator: ", ") + "))))"
        return run + " AS (\n  SELECT inline(aggregate(\n    \(records),\n    \(start),\n    \(step),\n    rv_acc -> rv_acc.\(q("out"))))\n"
            + "  FROM \(numbered)\n  GROUP BY " + groups.joined(separator: ", ") + "\n)"
    }
}
