import RegelBuiltins

/// Records for the `vgr-primar-sekundar` contract (`bokning`, Västra
/// Götalandsregionen).
///
/// Episodes are one patient's booking days within one förvaltning, weeks or
/// months apart. A booking day is a single booking (no role), or a primary
/// booking with one to three secondary bookings at other units of the same
/// förvaltning that it depends on (lab tests, X-ray, a dietitian before the
/// doctor), sometimes with a resource booking (a room, an ultrasound
/// machine) or as a team booking; or an inpatient or unplanned booking,
/// outside the regulation. About 3 % of bookings carry a mistake: a secondary
/// without or with a wrong primar_id, on another day, in another
/// förvaltning, at the primary's time; a primary without secondaries or
/// without medical connection; a role on a resource booking.
struct VgrPrimarSekundarModel: GenerateModel {
    static let columns = [
        "id", "patient", "datum", "tid", "forvaltning", "enhet", "yrkesroll", "kontaktroll",
        "primar_id", "medicinskt_samband", "team", "vardform", "planerad", "bokningsobjekt", "besokstyp"
    ]

    let firstDay: Day
    let lastDay: Day
    let weekendWeight = 0.03
    /// Share of bookings made to carry a mistake.
    let breakRate = 0.03

    private let forvaltningar: GenerateTexts
    private let units: GenerateTexts
    private let unitForvaltning: [Int]
    private let unitRole: [Int]  // index into roles, -1 none
    private let unitIsResource: [Bool]
    private let unitsOf: [[Int]]  // care units per förvaltning
    private let resourcesOf: [[Int]]
    private let roles: GenerateTexts
    private let visitTypes: GenerateTexts
    private let patients: Int
    private let numbers: PersonnummerMaker
    private let idWidth: Int
    private var lastPrimary = 0  // the latest primary booking written, for a wrong reference
    private var bookings: [Booking] = []

    struct Episode {
        var patient: UInt64
        var forvaltning: Int32
        var remaining: Int16
        var lastPrimary: Int32  // this patient's latest primary id here, 0 none
    }

    enum Role: UInt8 {
        case primar, sekundar, ingen
        var code: StaticString {
            switch self {
            case .primar: "primar"
            case .sekundar: "sekundar"
            case .ingen: "ingen"
            }
        }
    }

    struct Booking {
        var unit: Int
        var forvaltning: Int
        var tid: Int
        var role = Role.ingen
        var primarId = 0  // 0 none
        var samband = false
        var team = false
        var sluten = false
        var planerad = true
        var resurs = false
        var visitType = -1
        var yrkesroll = -1
    }

    static let structure: [(String, [(String, String?)], [String])] = [
        (
            "Sahlgrenska Universitetssjukhuset",
            [
                ("Njurmedicinmottagningen", "Läkare"), ("Audiologiska mottagningen Sahlgrenska", "Audionom"),
                ("Dietistmottagningen Sahlgrenska", "Dietist"), ("Klinisk fysiologi, Sahlgrenska", "Biomedicinsk analytiker"),
                ("Röntgen Sahlgrenska", "Röntgensjuksköterska"), ("Provtagningen Sahlgrenska", "Biomedicinsk analytiker"),
                ("Diabetesmottagningen Östra", "Sjuksköterska"), ("Ögonmottagningen Mölndal", "Läkare"),
                ("Endokrinmottagningen Sahlgrenska", "Läkare"), ("Fysioterapin Mölndal", "Fysioterapeut")
            ],
            ["Ultraljudsapparat 2 Östra", "Behandlingsrum 3, Mölndal", "MR-kamera 1 Sahlgrenska"]
        ),
        (
            "Sjukhusen i väster",
            [
                ("Medicinmottagningen Kungälv", "Läkare"), ("Röntgen Kungälv", "Röntgensjuksköterska"),
                ("Provtagning Kungälv", "Biomedicinsk analytiker"), ("Fysioterapi Kungälv", "Fysioterapeut"),
                ("Kirurgmottagningen Kungälv", "Läkare")
            ],
            ["Gipsrum Kungälv"]
        ),
        (
            "Skaraborgs Sjukhus",
            [
                ("Ortopedmottagningen Skövde", "Läkare"), ("Röntgen Skövde", "Röntgensjuksköterska"),
                ("Hjärtmottagningen Skövde", "Läkare"), ("Provtagningen Lidköping", "Biomedicinsk analytiker"),
                ("Arbetsterapin Skövde", "Arbetsterapeut"), ("Diabetesmottagningen Skövde", "Sjuksköterska")
            ],
            ["Operationssal 4, Skövde", "EKG-rum Skövde"]
        ),
        (
            "Södra Älvsborgs Sjukhus",
            [
                ("Reumatologmottagningen Borås", "Läkare"), ("Röntgen Borås", "Röntgensjuksköterska"),
                ("Kirurgmottagningen Borås", "Läkare"), ("Dietistmottagningen Borås", "Dietist"),
                ("Provtagningen Borås", nil)
            ],
            ["Endoskopirum 2 Borås"]
        ),
        (
            "NU-sjukvården",
            [
                ("Diabetesmottagningen NÄL", "Sjuksköterska"), ("Röntgen Uddevalla", "Röntgensjuksköterska"),
                ("Lungmottagningen NÄL", "Läkare"), ("Provtagningen Uddevalla", "Biomedicinsk analytiker"),
                ("Hudmottagningen Uddevalla", "Läkare")
            ],
            ["Spirometrirum NÄL"]
        ),
        (
            "Alingsås lasarett",
            [
                ("Medicinmottagningen Alingsås", "Läkare"), ("Röntgen Alingsås", "Röntgensjuksköterska"),
                ("Fysioterapin Alingsås", "Fysioterapeut")
            ],
            ["Behandlingsrum 1 Alingsås"]
        )
    ]

    init(records: Int, seed: UInt64, firstDay: Day? = nil, lastDay: Day? = nil) {
        self.firstDay = firstDay ?? Day(year: 2024, month: 6, day: 20)!
        self.lastDay = lastDay ?? Day(year: 2025, month: 12, day: 31)!
        var roleNames: [String] = []
        var names: [String] = [], forv: [Int] = [], role: [Int] = [], resource: [Bool] = []
        var care: [[Int]] = [], res: [[Int]] = []
        for (f, (_, mottagningar, resurser)) in VgrPrimarSekundarModel.structure.enumerated() {
            var c: [Int] = [], r: [Int] = []
            for (name, yrke) in mottagningar {
                c.append(names.count)
                names.append(name); forv.append(f); resource.append(false)
                if let yrke {
                    if !roleNames.contains(yrke) { roleNames.append(yrke) }
                    role.append(roleNames.firstIndex(of: yrke)!)
                } else {
                    role.append(-1)
                }
            }
            for name in resurser {
                r.append(names.count)
                names.append(name); forv.append(f); resource.append(true); role.append(-1)
            }
            care.append(c); res.append(r)
        }
        forvaltningar = GenerateTexts(VgrPrimarSekundarModel.structure.map(\.0))
        units = GenerateTexts(names)
        unitForvaltning = forv
        unitRole = role
        unitIsResource = resource
        unitsOf = care
        resourcesOf = res
        roles = GenerateTexts(roleNames)
        visitTypes = GenerateTexts(["Nybesök", "Återbesök", "Återbesök", "Telefon", "Video"])
        patients = max(16, records / 6)
        numbers = PersonnummerMaker(seed: seed)
        idWidth = max(5, String(records).count)
        bookings.reserveCapacity(8)
    }

    mutating func start(_ rng: inout GenerateRandom) -> Episode {
        Episode(
            patient: numbers.make(rng.below(patients)), forvaltning: Int32(rng.below(unitsOf.count)),
            remaining: Int16(rng.between(1, 5)), lastPrimary: 0)
    }

    mutating func step(_ e: inout Episode, day: Day, rng: inout GenerateRandom, out: inout GenerateRowWriter) -> Int? {
        let f = Int(e.forvaltning)
        let care = unitsOf[f]
        bookings.removeAll(keepingCapacity: true)
        let x = rng.below(100)
        let next = out.rows + 1
        let earlierPrimary = Int(e.lastPrimary)
        if x < 48 {
            bookings.append(single(care, f, &rng))
        } else if x < 88 {
            // A primary booking and the secondary bookings it depends on, in sequence
            // before it (or all at once as a team booking).
            let team = rng.chance(0.05)
            let t = GenerateCalendar.clock(&rng, from: 9, to: 16, step: 15)
            var primary = Booking(unit: care[0], forvaltning: f, tid: t)
            primary.unit = care[rng.below(care.count)]
            primary.role = .primar
            primary.samband = true
            primary.team = team
            fill(&primary, &rng)
            bookings.append(primary)
            let k = rng.between(1, min(3, care.count - 1))
            for j in 0..<k {
                var s = Booking(unit: primary.unit, forvaltning: f, tid: team ? t : t - 30 * (j + 1))
                while s.unit == primary.unit { s.unit = care[rng.below(care.count)] }
                s.role = .sekundar
                s.primarId = next
                s.samband = true
                s.team = team
                fill(&s, &rng)
                bookings.append(s)
            }
            if !resourcesOf[f].isEmpty && rng.chance(0.25) {
                var r = Booking(unit: rng.pick(resourcesOf[f]), forvaltning: f, tid: bookings.last!.tid)
                r.resurs = true
                bookings.append(r)
            }
            e.lastPrimary = Int32(next)
        } else {
            // Inpatient or unplanned: outside the regulation, whatever the role.
            var b = single(care, f, &rng)
            if rng.chance(0.5) { b.sluten = true } else { b.planerad = false }
            if rng.chance(0.3) { b.role = .primar; b.samband = true }
            bookings.append(b)
        }
        if rng.chance(breakRate * Double(bookings.count)) { breakRule(earlierPrimary, next, &rng) }
        for b in bookings {
            if out.isFull { break }
            write(b, e, day, &out)
        }
        if bookings.contains(where: { $0.role == .primar }) { lastPrimary = next }
        e.remaining -= 1
        if e.remaining <= 0 { return nil }
        return GenerateCalendar.gap(after: day, 7...120, &rng, keep: 0.02)
    }

    private func single(_ care: [Int], _ f: Int, _ rng: inout GenerateRandom) -> Booking {
        var b = Booking(
            unit: care[rng.below(care.count)], forvaltning: f,
            tid: GenerateCalendar.clock(&rng, from: 8, to: 16, step: 15))
        fill(&b, &rng)
        return b
    }

    private func fill(_ b: inout Booking, _ rng: inout GenerateRandom) {
        if rng.chance(0.8) { b.yrkesroll = unitRole[b.unit] }
        if rng.chance(0.75) { b.visitType = rng.below(visitTypes.count) }
    }

    /// Puts one mistake into the day's bookings (`first` is the id of the first).
    private mutating func breakRule(_ earlierPrimary: Int, _ first: Int, _ rng: inout GenerateRandom) {
        let secondaries = bookings.indices.filter { bookings[$0].role == .sekundar }
        let p = bookings.firstIndex { $0.role == .primar && !$0.sluten && $0.planerad }
        guard let p, let s = secondaries.first else {
            // A single booking: a reference without a role, or a role on a resource.
            if rng.chance(0.5), lastPrimary > 0 {
                bookings[0].primarId = lastPrimary  // primar_id_utan_sekundarroll
                bookings[0].role = .ingen
                bookings[0].sluten = false; bookings[0].planerad = true
            } else {
                let f = bookings[0].forvaltning
                if let r = resourcesOf[f].first {  // roll_pa_resursbokning
                    bookings[0].unit = r; bookings[0].resurs = true; bookings[0].yrkesroll = -1
                    bookings[0].role = rng.chance(0.5) ? .primar : .sekundar
                    bookings[0].sluten = false; bookings[0].planerad = true
                }
            }
            return
        }
        switch rng.below(11) {
        case 0: bookings[s].primarId = 0  // sekundar_utan_primar
        case 1: bookings[s].primarId = outOfRange(first)  // primar_finns_ej
        case 2:  // sekundar_annat_datum
            if earlierPrimary > 0 {
                bookings[s].primarId = earlierPrimary
            } else {
                bookings[s].primarId = 0
            }
        case 3:  // sekundar_annan_patient
            bookings[s].primarId = lastPrimary > 0 ? lastPrimary : 0
        case 4:  // sekundar_annan_forvaltning
            let other = (bookings[s].forvaltning + 1 + rng.below(unitsOf.count - 1)) % unitsOf.count
            bookings[s].forvaltning = other
            bookings[s].unit = rng.pick(unitsOf[other])
        case 5: bookings[s].tid = bookings[p].tid; bookings[s].team = false; bookings[p].team = false  // sekundar_samma_klockslag
        case 6:  // sekundarer_samma_klockslag
            if secondaries.count >= 2 {
                bookings[secondaries[1]].tid = bookings[s].tid
                bookings[secondaries[1]].team = false; bookings[s].team = false
            } else {
                bookings[s].samband = false
            }
        case 7: bookings[s].samband = false  // sekundar_medicinskt_samband
        case 8: bookings[p].samband = false  // primar_medicinskt_samband
        case 9:  // primar_utan_sekundar
            for i in secondaries { bookings[i].role = .ingen; bookings[i].primarId = 0; bookings[i].samband = false }
        default:  // samband_utan_roll
            if secondaries.count == 1 {  // keep one real secondary, so only this mistake shows
                var kept = bookings[s]
                kept.tid -= 60
                bookings.append(kept)
            }
            bookings[s].role = .ingen
            bookings[s].primarId = 0
        }
    }

    /// An id no booking has (ids run 1…limit).
    private func outOfRange(_ first: Int) -> Int { first + 10_000_000_000 }

    private func write(_ b: Booking, _ e: Episode, _ day: Day, _ out: inout GenerateRowWriter) {
        out.begin()
        out.id("BK", out.rows + 1, width: idWidth)
        out.personnummer(e.patient, hyphen: true)
        out.date(day)
        out.time(b.tid)
        out.text(forvaltningar, b.forvaltning)
        out.text(units, b.unit)
        if b.yrkesroll >= 0 && !b.resurs { out.text(roles, b.yrkesroll) } else { out.missing() }
        out.code(b.role.code)
        if b.primarId > 0 { out.id("BK", b.primarId, width: idWidth) } else { out.missing() }
        out.bool(b.samband)
        out.bool(b.team)
        out.code(b.sluten ? "sluten" : "oppen")
        out.bool(b.planerad)
        out.code(b.resurs ? "resurs" : "patient")
        if b.visitType >= 0 && !b.resurs { out.text(visitTypes, b.visitType) } else { out.missing() }
        out.end()
    }
}
