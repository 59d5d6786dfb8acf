import RegelBuiltins

/// Records for the `vgr-oppenvardsprocess` contract (`meddelande`,
/// Öppenvårdsprocessen i Västra Götaland, SAMSA).
///
/// Episodes are ärenden: one person, a regional unit (vårdcentral,
/// psychiatry, hospital clinic) and a municipal one (home care, social
/// services), sometimes a third party (school health, a private provider).
/// An ärende opens with a vårdbegäran from the municipality or an MVO from
/// the region and continues with planning and administrative messages days
/// apart; now and then it turns into inpatient care with an
/// inskrivningsmeddelande. Receipts are confirmed the same day or a few days
/// later. Consent is usually given; a person who cannot consent has the OSL
/// exception registered. About 3 % of messages carry a mistake (a message
/// against refused consent, an exception missing or given without cause,
/// a receipt before sending, a message type in the wrong direction, …).
struct VgrOppenvardsprocessModel: GenerateModel {
    static let columns = [
        "id", "arende", "patient", "datum", "meddelandetyp", "avsandare", "avsandare_huvudman",
        "mottagare", "mottagare_huvudman", "samtycke", "osl_undantag", "bekraftad_datum",
        "patient_avliden", "fast_vardkontakt_begard", "fast_vardkontakt"
    ]

    let firstDay: Day
    let lastDay: Day
    let weekendWeight = 0.05
    let breakRate = 0.03

    private let parties: GenerateTexts
    private let region: Range<Int>
    private let kommun: Range<Int>
    private let annan: Range<Int>
    private let contacts: GenerateTexts
    private let patients: Int
    private let numbers: PersonnummerMaker
    private let idWidth: Int
    private var cases = 0

    struct Episode {
        var patient: UInt64
        var arende: Int32
        var regionUnit: Int16
        var kommunUnit: Int16
        var annanUnit: Int16  // -1 none
        var remaining: Int16
        var consent: Consent
        var started = false
        var inpatient = false
        var askedForContact = false  // the person asked for a fast vårdkontakt
        var contact: Int16 = -1  // the named fast vårdkontakt, once given
        var deceasedAtEnd = false
        var startedForDeceased = false
        var withoutContact = false  // asked, never given (a mistake)
    }

    enum Consent: UInt8 {
        case ja, nej, kanEj
        var code: StaticString {
            switch self {
            case .ja: "ja"
            case .nej: "nej"
            case .kanEj: "kan_ej"
            }
        }
    }

    enum MessageType: UInt8 {
        case vardbegaran, mvo, administrativt, planering, inskrivning
        var code: StaticString {
            switch self {
            case .vardbegaran: "vardbegaran"
            case .mvo: "mvo"
            case .administrativt: "administrativt"
            case .planering: "planering"
            case .inskrivning: "inskrivning"
            }
        }
    }

    struct Message {
        var type: MessageType
        var from: Int
        var to: Int
        var consent: Consent
        var osl: UInt8 = 0  // 0 missing, 1 ja, 2 nej
        var confirmed: Int = 0  // days after sending; -1 not confirmed
        var deceased = false
        var asked: UInt8 = 0  // 0 missing, 1 ja, 2 nej
        var contact: Int = -1
        var otherPerson = false
    }

    static let regionUnits = [
        "Närhälsan Ryd vårdcentral", "Närhälsan Skara vårdcentral", "Närhälsan Lidköping Centrum vårdcentral",
        "Närhälsan Mariestad vårdcentral", "Närhälsan Tibro vårdcentral", "Närhälsan Falköping, Hönsäter vårdcentral",
        "SkaS Lidköping Ortopedmottagning", "SkaS Skövde Psykiatrisk öppenvårdsmottagning",
        "Barn- och ungdomsmedicinska mottagningen Skövde", "SkaS Falköping Geriatrisk mottagning",
        "Vårdcentralen Hentorp", "Capio Vårdcentral Mariestad"
    ]
    static let kommunUnits = [
        "Skövde kommun hemsjukvård", "Skövde kommun socialtjänst", "Skara kommun biståndsenhet",
        "Skara kommun hemsjukvård", "Lidköpings kommun, äldreomsorg", "Götene kommun socialtjänst",
        "Mariestads kommun hemtjänst", "Falköpings kommun, LSS-handläggning", "Tibro kommun hemsjukvård",
        "Hjo kommun socialtjänst"
    ]
    static let otherUnits = ["Elevhälsan Skara", "Kriminalvården Skövde", "Hälsa & Rehab i Skaraborg AB", "Elevhälsan Götene"]
    static let contactNames = [
        "Distriktssköterska Anna Berg", "Sjuksköterska Erik Lund", "Distriktssköterska Maria Nilsson",
        "Kontaktsjuksköterska Sara Holm", "Läkare Johan Ek", "Fast vårdkontakt: Lena Åberg, vårdcentralen",
        "Psykiatrisjuksköterska Omar Haddad", "Distriktssköterska Karin \"Kajsa\" Svensson"
    ]

    init(records: Int, seed: UInt64, firstDay: Day? = nil, lastDay: Day? = nil) {
        self.firstDay = firstDay ?? Day(year: 2022, month: 1, day: 1)!
        self.lastDay = lastDay ?? Day(year: 2025, month: 12, day: 31)!
        let r = VgrOppenvardsprocessModel.regionUnits, k = VgrOppenvardsprocessModel.kommunUnits
        let a = VgrOppenvardsprocessModel.otherUnits
        parties = GenerateTexts(r + k + a)
        region = 0..<r.count
        kommun = r.count..<(r.count + k.count)
        annan = (r.count + k.count)..<(r.count + k.count + a.count)
        contacts = GenerateTexts(VgrOppenvardsprocessModel.contactNames)
        patients = max(16, records / 6)
        numbers = PersonnummerMaker(seed: seed)
        idWidth = max(5, String(records).count)
    }

    mutating func start(_ rng: inout GenerateRandom) -> Episode {
        cases += 1
        let c = rng.below(100)
        var e = Episode(
            patient: numbers.make(rng.below(patients)), arende: Int32(cases),
            regionUnit: Int16(region.lowerBound + rng.below(region.count)),
            kommunUnit: Int16(kommun.lowerBound + rng.below(kommun.count)),
            annanUnit: rng.chance(0.1) ? Int16(annan.lowerBound + rng.below(annan.count)) : -1,
            remaining: Int16(rng.between(2, 10)),
            consent: c < 92 ? .ja : (c < 98 ? .kanEj : .nej))
        e.askedForContact = rng.chance(0.12)
        e.deceasedAtEnd = rng.chance(0.03)
        e.startedForDeceased = rng.chance(0.002)
        e.withoutContact = e.askedForContact && rng.chance(0.05)
        return e
    }

    mutating func step(_ e: inout Episode, day: Day, rng: inout GenerateRandom, out: inout GenerateRowWriter) -> Int? {
        let r = Int(e.regionUnit), k = Int(e.kommunUnit)
        var m: Message
        if !e.started {
            e.started = true
            let x = rng.below(100)
            m =
                x < 45
                ? Message(type: .vardbegaran, from: k, to: r, consent: e.consent)
                : x < 90
                    ? Message(type: .mvo, from: r, to: k, consent: e.consent)
                    : Message(type: .planering, from: r, to: k, consent: e.consent)
        } else if !e.inpatient && e.remaining > 2 && rng.chance(0.03) {
            m = Message(type: .inskrivning, from: r, to: k, consent: e.consent)
            e.inpatient = true
        } else {
            let x = rng.below(100)
            let (a, b) = rng.chance(0.5) ? (r, k) : (k, r)
            m =
                x < 50
                ? Message(type: .planering, from: a, to: b, consent: e.consent)
                : x < 70
                    ? Message(type: .administrativt, from: a, to: b, consent: e.consent)
                    : x < 85
                        ? Message(type: .mvo, from: r, to: k, consent: e.consent)
                        : Message(type: .vardbegaran, from: k, to: r, consent: e.consent)
            if e.annanUnit >= 0 && rng.chance(0.3) {
                // The third party takes part in planning with the municipality or the region.
                let other = rng.chance(0.5) ? k : r
                (m.from, m.to) = rng.chance(0.5) ? (Int(e.annanUnit), other) : (other, Int(e.annanUnit))
                m.type = rng.chance(0.7) ? .planering : .administrativt
            }
        }
        if m.consent == .nej {
            // Refused consent: planning with the person within the own organisation only.
            m.to = m.from
            m.type = .planering
        }
        if m.consent == .kanEj { m.osl = 1 }
        let c = rng.below(100)
        m.confirmed = c < 40 ? 0 : (c < 70 ? 1 : (c < 85 ? 2 : (c < 90 ? rng.between(3, 7) : -1)))
        e.remaining -= 1
        m.deceased = e.startedForDeceased || (e.deceasedAtEnd && e.remaining == 0)
        if e.askedForContact && e.contact < 0 {
            m.asked = 1
            if !e.withoutContact && (rng.chance(0.85) || e.remaining == 0) {
                e.contact = Int16(rng.below(contacts.count))
                m.contact = Int(e.contact)
            }
        } else if e.contact >= 0 && rng.chance(0.5) {
            m.contact = Int(e.contact)
        } else if rng.chance(0.05) {
            m.asked = 2
        }
        if rng.chance(breakRate) { breakRule(&m, r, k, &rng) }
        if !out.isFull {
            write(m, e, day, &out, &rng)
        }
        if e.remaining <= 0 { return nil }
        return GenerateCalendar.gap(after: day, 1...14, &rng, keep: 0.05)
    }

    private func breakRule(_ m: inout Message, _ r: Int, _ k: Int, _ rng: inout GenerateRandom) {
        switch rng.below(41) {
        case 0..<5: m.consent = .nej; m.from = r; m.to = k; m.type = .mvo; m.osl = 0  // samtycke_nekat
        case 5..<10: m.consent = .kanEj; m.osl = 2  // kan_ej_utan_osl
        case 10..<15: m.consent = .kanEj; m.osl = 0  // osl_ej_angivet
        case 15..<20: m.consent = .ja; m.osl = 1  // osl_utan_kan_ej
        case 20..<25: m.confirmed = -rng.between(1, 5) - 100  // bekraftad_fore_sandning
        case 25..<30: m.type = .vardbegaran; m.from = r; m.to = k  // vardbegaran_riktning
        case 30..<35: m.type = .mvo; m.from = k; m.to = r  // mvo_riktning
        case 35..<40: m.from = annan.lowerBound; m.to = annan.upperBound - 1  // parter_utanfor_processen
        default: m.otherPerson = true  // arende_en_person
        }
        if m.type == .inskrivning { m.type = .planering }
    }

    private func write(_ m: Message, _ e: Episode, _ day: Day, _ out: inout GenerateRowWriter, _ rng: inout GenerateRandom) {
        out.begin()
        out.id("M", out.rows + 1, width: idWidth)
        out.id("SAMSA-", Int(e.arende), width: 6)
        out.personnummer(m.otherPerson ? numbers.make(rng.below(patients)) : e.patient, hyphen: true)
        out.date(day)
        out.code(m.type.code)
        out.text(parties, m.from)
        out.code(huvudman(m.from))
        out.text(parties, m.to)
        out.code(huvudman(m.to))
        out.code(m.consent.code)
        switch m.osl {
        case 1: out.bool(true)
        case 2: out.bool(false)
        default: out.missing()
        }
        if m.confirmed >= 0 {
            out.date(day.adding(days: m.confirmed))
        } else if m.confirmed <= -100 {
            out.date(day.adding(days: m.confirmed + 100))  // before sending
        } else {
            out.missing()
        }
        out.bool(m.deceased)
        switch m.asked {
        case 1: out.bool(true)
        case 2: out.bool(false)
        default: out.missing()
        }
        if m.contact >= 0 { out.text(contacts, m.contact) } else { out.missing() }
        out.end()
    }

    private func huvudman(_ unit: Int) -> StaticString {
        region.contains(unit) ? "region" : (kommun.contains(unit) ? "kommun" : "annan")
    }
}
