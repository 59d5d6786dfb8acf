/// Pairs the declarations of two versions by name. Of those left over, an
/// old and a new one with the same content are a rename.
struct KeyedMatch {
    /// For each new declaration, the old one with the same name.
    var sameName: [Int?]
    /// For each new declaration without a namesake, the old one it renames.
    var renamedFrom: [Int?]
    /// Old declarations with neither a namesake nor a rename, in old order.
    var removed: [Int]
}

enum KeyedMatching {
    static func match<T>(_ old: [T], _ new: [T], key: (T) -> String, sameContent: ((T, T) -> Bool)? = nil) -> KeyedMatch {
        var oldByKey: [String: Int] = [:]
        for (i, x) in old.enumerated() where oldByKey[key(x)] == nil { oldByKey[key(x)] = i }
        var used = Set<Int>()
        var sameName: [Int?] = []
        for x in new {
            let i = oldByKey[key(x)].flatMap { used.contains($0) ? nil : $0 }
            if let i { used.insert(i) }
            sameName.append(i)
        }
        var renamedFrom = [Int?](repeating: nil, count: new.count)
        if let sameContent {
            for (j, x) in new.enumerated() where sameName[j] == nil {
                if let i = old.indices.first(where: { !used.contains($0) && sameContent(old[$0], x) }) {
                    renamedFrom[j] = i
                    used.insert(i)
                }
            }
        }
        let removed = old.indices.filter { !used.contains($0) }
        return KeyedMatch(sameName: sameName, renamedFrom: renamedFrom, removed: removed)
    }
}
