import Foundation
import RegelSyntax

/// A rule file read, parsed and checked, with everything found wrong in it.
public struct LoadedRuleset: Sendable {
    public var file: SourceFile
    public var syntax: RulesetSyntax
    public var checked: CheckedRuleset?
    public var diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum RulesetLoader {
    public static let fileExtension = "regel"

    public static func load(text: String, path: String) -> LoadedRuleset {
        let file = SourceFile(path: path, text: text)
        let (syntax, parseDiagnostics) = Parser.parse(file)
        // A file that does not parse is not checked: the checker would only
        // repeat the parser's complaints in other words.
        if parseDiagnostics.contains(where: { $0.severity == .error }) {
            return LoadedRuleset(file: file, syntax: syntax, checked: nil, diagnostics: sorted(parseDiagnostics))
        }
        let (checked, checkDiagnostics) = Checker.check(syntax, file: file)
        return LoadedRuleset(file: file, syntax: syntax, checked: checked, diagnostics: sorted(parseDiagnostics + checkDiagnostics))
    }

    /// The size a rule file may have; the shipped ones are under 40 KiB.
    public static let maximumFileSize = 16 << 20

    public static func load(path: String) throws(InputError) -> LoadedRuleset {
        var status = stat()
        if stat(path, &status) == 0, status.st_size > maximumFileSize {
            throw InputError(
                "the rule file '\(path)' has \(status.st_size) bytes, more than the \(maximumFileSize >> 20) MiB a rule file may have; check that it is a "
                    + "rule file"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read the rule file '\(path)': " + (FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("the rule file '\(path)' is not UTF-8 text; save it as UTF-8")
        }
        return load(text: text, path: path)
    }

    /// Files named on the command line; a directory stands for its `.regel`
    /// files (recursively), in name order.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError("no such file or directory: '\(path)'")
            }
            if isDirectory.boolValue {
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { $0.hasSuffix("." + fileExtension) }
                    .sorted()
                    .map { base + "/" + $0 }
                if found.isEmpty { throw InputError("no .\(fileExtension) files in '\(path)'") }
                out.append(contentsOf: found)
            } else {
                out.append(path)
            }
        }
        return out
    }

    static func sorted(_ ds: [Diagnostic]) -> [Diagnostic] {
        ds.enumerated().sorted { a, b in
            a.element.span.start != b.element.span.start ? a.element.span.start < b.element.span.start : a.offset < b.offset
        }.map(\.element)
    }
}

/// A problem with what the user gave us (a file, an option), as one sentence
/// that says what to do.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
