/// One object of list.json, interim.json or orgnumber.json.
struct PersonnummerVector: Decodable, Sendable, CustomStringConvertible {
    var integer: Int
    var long_format: String?
    var short_format: String
    var separated_format: String
    var separated_long: String?
    var valid: Bool
    var type: String

    /// Every written form the file gives (the integer only when it has one).
    var forms: [String] {
        var forms = [String]()
        if integer != 0 { forms.append(String(integer)) }
        if let long_format { forms.append(long_format) }
        forms.append(short_format)
        forms.append(separated_format)
        if let separated_long { forms.append(separated_long) }
        return forms
    }

    var description: String { separated_long ?? separated_format }
}
