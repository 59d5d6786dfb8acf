import RegelCheck
import RegelData

extension OutputFile {
    /// Replaces the file at `path` with `text` in one step, or leaves it untouched and throws.
    static func replace(_ path: String, with text: String, inputs: [String] = []) throws(InputError) {
        do {
            let file = try OutputFile(path: path, inputs: inputs)
            try file.write(Array(text.utf8))
            try file.commit()
        } catch {
            throw InputError(error.description)
        }
    }
}
