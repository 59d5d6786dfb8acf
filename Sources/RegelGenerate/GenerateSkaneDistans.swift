import RegelBuiltins

/// Records for the `skane-distans` contract (`kontakt`, Region Skåne).
///
/// Episodes are courses of care of one patient at one unit: primary care at
/// the patient's own vårdcentral (PMO), a series at a hospital clinic
/// (PASiS), or a Stöd- och behandlingsprogram via 1177 (mostly written and
/// video contacts, SOB marked). Each contact day writes one contact, or a
/// few: a triage call and the visit it led to, a visit and a later call, and
/// now and then a call followed by a visit later that day (which should have
/// been registered as triage: `te_fore_bes`). About 3 % of rows break one
/// rule that applies to them (missing journalföring, wrong deltagare, no
/// ID-kontroll, SOB without its mark, Uteblivit on a visit, KOM in PASiS, …).
struct SkaneDistansModel: GenerateModel {
    static let columns = [
        "id", "patient", "datum", "tid", "enhet", "system", "kontakttyp", "journalford",
        "medicinsk_bedomning", "deltagare", "id_kontroll", "sob", "behandlarkontakt", "attribut", "kva"
    ]

    let firstDay: Day
    let lastDay: Day
    let weekendWeight = 0.08
    /// Share of rows made to break a rule (on top of the same-day call/visit mistakes).
    let breakRate = 0.03

    private let units: GenerateTexts
    private let isPMO: [Bool]
    private let primaryCare: Range<Int>
    private let clinics: Range<Int>
    private let programmes: [Int]
    private let patients: Int
    private let numbers: PersonnummerMaker
    private let seed: UInt64
    private let idWidth: Int

    struct Episode {
        var patient: UInt64
        var unit: Int32
        var remaining: Int16
        var kind: Kind
    }

    enum Kind: UInt8 { case primary, specialist, programme }

    enum ContactType: UInt8 {
        case VK, KT, TE, KB, BR, KO, KOM, BES, TRI
        var code: StaticString {
            switch self {
            case .VK: "VK"
            case .KT: "KT"
            case .TE: "TE"
            case .KB: "KB"
            case .BR: "BR"
            case .KO: "KO"
            case .KOM: "KOM"
            case .BES: "BES"
            case .TRI: "TRI"
            }
        }
        var replacesVisit: Bool { self == .VK || self == .KT || self == .KB }
    }

    enum Participant: UInt8 {
        case patient, ombud, personal, ingen
        var code: StaticString {
            switch self {
            case .patient: "patient"
            case .ombud: "ombud"
            case .personal: "personal"
            case .ingen: "ingen"
            }
        }
    }

    /// One contact before it is written.
    struct Contact {
        var tid: Int  // minutes after midnight; -1 = missing
        var type: ContactType
        var journalford = true
        var bedomning = false
        var deltagare = Participant.patient
        var idKontroll: UInt8 = 0  // 0 missing, 1 ja, 2 nej
        var sob = false
        var behandlare = true
        var attribut = CodeList()
        var kva = CodeList()
    }

    private static let primaryTypes = WeightedChoice<ContactType>([
        (.VK, 6), (.KT, 12), (.TE, 28), (.KB, 6), (.BR, 14), (.KO, 5), (.KOM, 7), (.BES, 17), (.TRI, 5)
    ])
    private static let specialistTypes = WeightedChoice<ContactType>([
        (.VK, 8), (.KT, 13), (.TE, 26), (.KB, 8), (.BR, 14), (.KO, 6), (.BES, 20), (.TRI, 5)
    ])
    private static let programmeTypes = WeightedChoice<ContactType>([
        (.VK, 18), (.KB, 34), (.BR, 22), (.TE, 10), (.BES, 12), (.KO, 4)
    ])
    private static let primaryGaps = [1, 2, 3, 5, 7, 7, 14, 14, 21, 28, 35, 60, 90]
    private static let specialistGaps = [7, 14, 21, 30, 30, 45, 60, 90, 120, 180]
    private static let programmeGaps = [3, 5, 7, 7, 7, 7, 10, 14]
    private static let otherKva: [StaticString] = ["XS001", "AU124", "DV051", "GD008", "QV001", "UV153", "AF020"]
    private static let otherAttribut: [StaticString] = ["Distans", "Tolk", "Akut", "Hembesök"]

    init(records: Int, seed: UInt64, firstDay: Day? = nil, lastDay: Day? = nil) {
        self.firstDay = firstDay ?? Day(year: 2022, month: 1, day: 1)!
        self.lastDay = lastDay ?? Day(year: 2025, month: 12, day: 31)!
        let list = SkaneDistansModel.unitList()
        units = GenerateTexts(list.map(\.name))
        isPMO = list.map(\.pmo)
        primaryCare = 0..<list.firstIndex { !$0.primary }!
        let firstClinic = list.firstIndex { !$0.primary && !$0.programme }!
        clinics = firstClinic..<list.count
        programmes = list.indices.filter { list[$0].programme }
        patients = max(16, records / 10)
        numbers = PersonnummerMaker(seed: seed)
        self.seed = seed
        idWidth = max(8, String(records).count)
    }

    /// Vårdcentraler (PMO), then psychiatry and child units that run
    /// programmes via 1177 (PMO and PASiS), then hospital clinics (PASiS).
    /// Some names have a comma or quotes, so CSV quoting is exercised.
    static func unitList() -> [(name: String, pmo: Bool, primary: Bool, programme: Bool)] {
        let places = [
            "Linero", "Södertull", "Näsby", "Höör", "Eslöv", "Kärråkra", "Tåbelund", "Bunkeflo", "Sorgenfri",
            "Ängelholm", "Södervärn", "Lomma", "Staffanstorp", "Kävlinge", "Landskrona", "Svedala", "Sjöbo",
            "Tomelilla", "Simrishamn", "Trelleborg", "Skurup", "Vellinge", "Höganäs", "Båstad", "Klippan",
            "Perstorp", "Osby", "Bromölla", "Hörby", "Svalöv", "Bjuv", "Åstorp", "Örkelljunga", "Ljungbyhed",
            "Dalby", "Genarp", "Veberöd", "Löddeköpinge", "Bjärred", "Limhamn", "Oxie", "Husie", "Rosengård",
            "Kroksbäck", "Lindängen", "Möllevången", "Kirseberg", "Fosie", "Anna Lindh", "Nöbbelöv",
            "Vårby", "Brunnshög", "Getinge", "Åhus", "Tollarp", "Broby", "Vinslöv", "Tyringe", "Lund Centrum"
        ]
        var out: [(String, Bool, Bool, Bool)] = places.map { ("Vårdcentralen " + $0, true, true, false) }
        out += [
            ("Vårdcentralen Hässleholm, Norra", true, true, false),
            ("Vårdcentralen \"Centrum\" Ystad", true, true, false),
            ("Capio Vårdcentral Hyllie", true, true, false),
            ("Familjeläkarna i Malmö, Värnhem", true, true, false),
            ("Hälsocentralen Kristianstad Öst", true, true, false)
        ]
        out += [
            ("BUP Malmö", true, false, true), ("BUP Lund, Öppenvård", true, false, true),
            ("Barnhälsovård Lund", true, false, true), ("Ungdomsmottagningen Helsingborg", true, false, true),
            ("Psykiatri Skåne, Lund", false, false, true), ("Vuxenpsykiatri Malmö, Öppenvård", false, false, true),
            ("Psykiatrimottagning Helsingborg", false, false, true), ("Smärtrehab Lund", false, false, true)
        ]
        let clinicTypes = [
            "Hudmottagningen", "Ögonmottagningen", "Kardiologmottagningen", "Ortopedmottagningen",
            "Reumatologmottagningen", "Endokrinologen", "Onkologiska kliniken", "Kvinnokliniken",
            "Urologmottagningen", "Lungmottagningen", "Neurologmottagningen", "Infektionsmottagningen",
            "Öron-, näs- och halsmottagningen"
        ]
        let hospitals = [
            "SUS Lund", "SUS Malmö", "Helsingborg", "Kristianstad", "Ystad", "Hässleholm", "Landskrona",
            "Trelleborg", "Ängelholm"
        ]
        for (i, h) in hospitals.enumerated() {
            for (j, c) in clinicTypes.enumerated() where (i * 7 + j * 3) % 4 != 0 || i < 2 {
                out.append((c + " " + h, false, false, false))
            }
        }
        return out
    }

    mutating func start(_ rng: inout GenerateRandom) -> Episode {
        let p = rng.below(patients)
        let x = rng.below(100)
        let kind: Kind, unit: Int, remaining: Int
        if x < 62 {
            kind = .primary
            let home = primaryCare.lowerBound + Int(SplitMix64.hash(seed, UInt64(p) | 1 << 40) % UInt64(primaryCare.count))
            unit = rng.chance(0.85) ? home : primaryCare.lowerBound + rng.below(primaryCare.count)
            remaining = rng.between(1, 7)
        } else if x < 90 {
            kind = .specialist
            unit = clinics.lowerBound + rng.below(clinics.count)
            remaining = rng.between(2, 8)
        } else {
            kind = .programme
            unit = rng.pick(programmes)
            remaining = rng.between(6, 18)
        }
        return Episode(patient: numbers.make(p), unit: Int32(unit), remaining: Int16(remaining), kind: kind)
    }

    mutating func step(_ e: inout Episode, day: Day, rng: inout GenerateRandom, out: inout GenerateRowWriter) -> Int? {
        let pmo = isPMO[Int(e.unit)]
        let type: ContactType =
            switch e.kind {
            case .primary: SkaneDistansModel.primaryTypes.pick(&rng)
            case .specialist: SkaneDistansModel.specialistTypes.pick(&rng)
            case .programme: SkaneDistansModel.programmeTypes.pick(&rng)
            }
        var t = rng.chance(0.95) ? GenerateCalendar.clock(&rng) : -1
        switch type {
        case .TRI:
            // Triage: the call led to a visit the same day (rarely it did not: tri_utan_besok).
            t = GenerateCalendar.clock(&rng, from: 7, to: 15)
            emit(contact(.TRI, t, e, pmo, &rng), e, day, pmo, &rng, &out)
            if !rng.chance(0.03) {
                emit(contact(.BES, t + 15 * rng.between(1, 10), e, pmo, &rng), e, day, pmo, &rng, &out)
            }
        case .TE where t >= 0:
            let x = rng.below(1000)
            if x < 30 && t < 16 * 60 {
                // A call, then a visit later the same day: should have been triage (te_fore_bes).
                emit(contact(.TE, t, e, pmo, &rng), e, day, pmo, &rng, &out)
                emit(contact(.BES, t + 15 * rng.between(1, 10), e, pmo, &rng), e, day, pmo, &rng, &out)
            } else if x < 50 && t >= 8 * 60 {
                // A visit, then a follow-up call later that day: fine.
                emit(contact(.BES, t - 15 * rng.between(1, 4), e, pmo, &rng), e, day, pmo, &rng, &out)
                emit(contact(.TE, t, e, pmo, &rng), e, day, pmo, &rng, &out)
            } else {
                emit(contact(.TE, t, e, pmo, &rng), e, day, pmo, &rng, &out)
            }
        default:
            emit(contact(type, t, e, pmo, &rng), e, day, pmo, &rng, &out)
        }
        e.remaining -= 1
        if e.remaining <= 0 { return nil }
        let gaps =
            switch e.kind {
            case .primary: SkaneDistansModel.primaryGaps
            case .specialist: SkaneDistansModel.specialistGaps
            case .programme: SkaneDistansModel.programmeGaps
            }
        return GenerateCalendar.gap(after: day, gaps, &rng, keep: 0.05)
    }

    /// A contact that follows the rules.
    private func contact(_ type: ContactType, _ tid: Int, _ e: Episode, _ pmo: Bool, _ rng: inout GenerateRandom) -> Contact {
        var c = Contact(tid: tid, type: type)
        switch type {
        case .VK, .KT, .KB:
            c.bedomning = true
            c.deltagare = rng.chance(0.1) ? .ombud : .patient
            if type == .VK {
                c.idKontroll = 1
            } else {
                let r = rng.below(10)
                c.idKontroll = r < 5 ? 1 : (r < 8 ? 2 : 0)
            }
        case .TE:
            c.deltagare = rng.chance(0.08) ? .ombud : .patient
            c.journalford = rng.chance(0.9)
        case .BR:
            c.behandlare = rng.chance(0.85)
            c.journalford = rng.chance(0.9)
            c.idKontroll = rng.chance(0.6) ? 1 : 0
        case .KO:
            c.deltagare = .personal
            c.journalford = rng.chance(0.5)
        case .KOM:
            c.deltagare = rng.chance(0.7) ? .ingen : .personal
            if rng.chance(0.35) { c.attribut.append("Uteblivit") }
        case .BES:
            c.bedomning = true
        case .TRI:
            c.bedomning = false
        }
        if type == .KB || type == .BR || type == .VK {
            if rng.chance(e.kind == .programme ? 0.7 : 0.03) {
                c.sob = true
                c.journalford = true
                c.behandlare = true
                if pmo { c.attribut.append("SOB") } else { c.kva.append("UW040") }
            }
        }
        if pmo && type != .KOM && rng.chance(0.08) { c.attribut.append(rng.pick(SkaneDistansModel.otherAttribut)) }
        if rng.chance(0.25) {
            c.kva.append(rng.pick(SkaneDistansModel.otherKva))
            if rng.chance(0.5) { c.kva.swapFirstTwo() }
        }
        return c
    }

    /// Makes `c` break one rule that applies to it.
    private func breakRule(_ c: inout Contact, _ pmo: Bool, _ rng: inout GenerateRandom) {
        var options: [UInt8] = []
        if c.type.replacesVisit { options += [0, 1, 2] }
        if c.type == .VK { options.append(3) }
        if c.sob { options += [4, 5, 6] }
        if c.type == .KO { options.append(7) }
        if c.type == .TE { options += [8, 9, 10] }
        if c.type == .BR { options.append(9) }
        if c.type == .BES || c.type == .TRI { options.append(10) }
        if pmo && c.type != .KOM && rng.chance(0.4) { options += [11, 12] }
        if !pmo && rng.chance(0.3) { options.append(13) }
        if options.isEmpty { return }
        switch rng.pick(options) {
        case 0: c.journalford = false  // ersatter_journalford
        case 1: c.bedomning = false  // ersatter_bedomning
        case 2: c.deltagare = rng.chance(0.5) ? .personal : .ingen  // ersatter_deltagare
        case 3: c.idKontroll = rng.chance(0.5) ? 2 : 0  // vk_id_kontroll
        case 4:  // sob_pmo_attribut / sob_pasis_kva
            if pmo { c.attribut = c.attribut.removing("SOB") } else { c.kva = c.kva.removing("UW040") }
        case 5: c.journalford = false  // sob_journalford
        case 6: c.behandlare = false  // sob_behandlarkontakt
        case 7: c.deltagare = .patient  // ko_personal
        case 8: c.deltagare = .ingen  // te_dialog
        case 9: c.bedomning = true; c.deltagare = .patient  // bedomning_ej_ersatter (info)
        case 10: c.deltagare = .personal  // personal_ko
        case 11: c.attribut.append("Uteblivit")  // uteblivit_kom
        case 12: if !c.sob { c.attribut.append("SOB") }  // sob_attribut_utan_program
        default:  // kom_endast_pmo
            c.type = .KOM; c.deltagare = .ingen; c.bedomning = false
        }
    }

    private func emit(
        _ contact: Contact, _ e: Episode, _ day: Day, _ pmo: Bool,
        _ rng: inout GenerateRandom, _ out: inout GenerateRowWriter
    ) {
        if out.isFull { return }
        var c = contact
        if rng.chance(breakRate) { breakRule(&c, pmo, &rng) }
        out.begin()
        out.id("SK", out.rows + 1, width: idWidth)
        out.personnummer(e.patient, hyphen: pmo)  // PASiS exports write it without hyphen
        out.date(day)
        if c.tid >= 0 { out.time(c.tid) } else { out.missing() }
        out.text(units, Int(e.unit))
        out.code(pmo ? "PMO" : "PASiS")
        out.code(c.type.code)
        out.bool(c.journalford)
        out.bool(c.bedomning)
        out.code(c.deltagare.code)
        switch c.idKontroll {
        case 1: out.bool(true)
        case 2: out.bool(false)
        default: out.missing()
        }
        out.bool(c.sob)
        out.bool(c.behandlare)
        out.list(c.attribut)
        out.list(c.kva)
        out.end()
    }
}
