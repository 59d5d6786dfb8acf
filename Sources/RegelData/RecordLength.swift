/// How long one record of an export may be: a CSV record (its lines, when
/// quoted cells hold line breaks) or a JSON Lines line. Real records are a
/// few hundred bytes; the limit keeps one damaged or hostile record (a file
/// of commas, one enormous cell) from taking memory without bound, and every
/// message that shows a cell short enough to read.
public enum RecordLength {
    public static let maximum = 1 << 20

    static var limitText: String { "1 MiB (\(maximum) bytes)" }
}
