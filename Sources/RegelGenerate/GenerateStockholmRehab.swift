import RegelBuiltins

/// Records for the `stockholm-rehab` contract (`rehabkontakt`, Region
/// Stockholm, vårdval rehab).
///
/// Episodes are rehabilitation periods of one patient at one unit: usually
/// a physical visit first, then physical visits, calls, video and written
/// (chat) contacts every few days or weeks. About one period in eight is
/// "chatty": mostly written contacts, days apart, so the reimbursement caps
/// (one a week, five without a physical visit, ten in twelve months) are
/// exceeded now and then. About 3.5 % of written contacts lack dialogue,
/// journalföring or a medical assessment, and a few are not given by the
/// unit's regular staff. Dates start at the ruleset's effective date
/// (2023-04-27), so every record is judged.
struct StockholmRehabModel: GenerateModel {
    static let columns = [
        "id", "patient", "enhet", "datum", "kontakttyp", "dialog", "journalford",
        "medicinsk_bedomning", "ordinarie_personal"
    ]

    let firstDay: Day
    let lastDay: Day
    let weekendWeight = 0.12

    private let units: GenerateTexts
    private let hyphen: [Bool]
    private let patients: Int
    private let numbers: PersonnummerMaker
    private let idWidth: Int

    struct Episode {
        var patient: UInt64
        var unit: Int32
        var remaining: Int16
        var chatty: Bool
        var started: Bool
    }

    enum ContactType: UInt8 {
        case skriftlig, fysiskt, telefon, video
        var code: StaticString {
            switch self {
            case .skriftlig: "skriftlig"
            case .fysiskt: "fysiskt"
            case .telefon: "telefon"
            case .video: "video"
            }
        }
    }

    private static let chattyTypes = WeightedChoice<ContactType>([(.skriftlig, 70), (.fysiskt, 10), (.telefon, 12), (.video, 8)])
    private static let normalTypes = WeightedChoice<ContactType>([(.skriftlig, 35), (.fysiskt, 40), (.telefon, 15), (.video, 10)])
    private static let chattyGaps = [1, 2, 3, 4, 5, 6, 7, 7, 8, 10, 12, 14, 21]
    private static let normalGaps = [3, 5, 7, 7, 10, 14, 14, 21, 28, 35]

    init(records: Int, seed: UInt64, firstDay: Day? = nil, lastDay: Day? = nil) {
        self.firstDay = firstDay ?? Day(year: 2023, month: 4, day: 27)!
        self.lastDay = lastDay ?? Day(year: 2025, month: 12, day: 31)!
        let names = StockholmRehabModel.unitNames
        units = GenerateTexts(names)
        hyphen = names.indices.map { SplitMix64.hash(seed, UInt64($0) | 1 << 41) % 4 != 0 }
        patients = max(16, records / 8)
        numbers = PersonnummerMaker(seed: seed)
        idWidth = max(8, String(records).count)
    }

    static let unitNames = [
        "Rehab Södermalm", "Rehab Station Stockholm, Liljeholmen", "Rehab Station Stockholm, Solna",
        "Fysioterapeuterna Södermalm", "Aleris Rehab Täby", "Aleris Rehab Kista", "Capio Rehab Huddinge",
        "Capio Rehab Järva", "Fysio Norrtälje", "Rehabcentrum Sollentuna", "Rehabcentrum Nacka",
        "Rörelse & Hälsa Bromma", "Fysioterapi Haninge", "Fysioterapi Skärholmen", "Rehab Vällingby",
        "Rehab Hägersten", "Rehab Farsta", "Rehab Södertälje", "Rehab Upplands Väsby", "Fysiocenter Östermalm",
        "Fysiocenter Kungsholmen", "Rehab Tyresö", "Rehab Värmdö", "Rehab Danderyd", "Rehab Lidingö",
        "Rehab Järfälla", "Rehab Botkyrka", "Rehab Sigtuna", "Rehab Ekerö", "Rehab Nynäshamn",
        "Handkirurgisk rehab Stockholm", "Rehab Täby centrum", "Rehab Solna", "Fysioterapi \"Hornstull\"",
        "Rehab Älvsjö, Fysioterapi", "Rehab Skarpnäck", "Rehab Bagarmossen", "Rehab Spånga", "Rehab Gustavsberg",
        "Rehab Vallentuna", "Rehab Åkersberga", "Rehab Sundbyberg", "Rehab Kungsholmen, Fridhemsplan"
    ]

    mutating func start(_ rng: inout GenerateRandom) -> Episode {
        let p = rng.below(patients)
        let x = rng.below(100)
        let k = x < 60 ? rng.between(2, 6) : (x < 90 ? rng.between(7, 14) : rng.between(15, 40))
        return Episode(
            patient: numbers.make(p), unit: Int32(rng.below(units.count)), remaining: Int16(k),
            chatty: rng.chance(0.12), started: false)
    }

    mutating func step(_ e: inout Episode, day: Day, rng: inout GenerateRandom, out: inout GenerateRowWriter) -> Int? {
        let type: ContactType
        if !e.started {
            type = rng.chance(0.85) ? .fysiskt : .skriftlig
            e.started = true
        } else {
            type = e.chatty ? StockholmRehabModel.chattyTypes.pick(&rng) : StockholmRehabModel.normalTypes.pick(&rng)
        }
        var dialog = true, journalford = true, bedomning = true
        if type == .skriftlig {
            let y = rng.below(1000)
            if y < 10 { dialog = false } else if y < 18 { journalford = false } else if y < 35 { bedomning = false }
        } else {
            dialog = type != .fysiskt || rng.chance(0.98)
            bedomning = rng.chance(0.9)
        }
        let o = rng.below(100)
        if !out.isFull {
            out.begin()
            out.id("RH", out.rows + 1, width: idWidth)
            out.personnummer(e.patient, hyphen: hyphen[Int(e.unit)])
            out.text(units, Int(e.unit))
            out.date(day)
            out.code(type.code)
            out.bool(dialog)
            out.bool(journalford)
            out.bool(bedomning)
            if o < 88 { out.bool(true) } else if o < 97 { out.missing() } else { out.bool(false) }
            out.end()
        }
        e.remaining -= 1
        if e.remaining <= 0 { return nil }
        return GenerateCalendar.gap(
            after: day, e.chatty ? StockholmRehabModel.chattyGaps : StockholmRehabModel.normalGaps,
            &rng, keep: 0.1)
    }
}
