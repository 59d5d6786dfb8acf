import RegelBuiltins

/// Records for the `skr-aterbesok` contract (`besok`, SKR återbesök och
/// medicinskt måldatum).
///
/// Episodes are one patient's care at one clinic: a first visit on a
/// referral, then return visits, each decided at the previous visit with a
/// medical target date (måldatum) weeks or months ahead, booked by the care
/// or by the patient (sometimes through a web booking), and performed on the
/// booked date or later with a registered waiting cause. The record's date
/// (`beslutsdatum`) is when the visit was decided. Visits after the export
/// date (the last day) are not performed yet: the patient is waiting. A few
/// clinics also run screening series. About 3 % of records carry a mistake:
/// no måldatum, a måldatum before the decision, a late visit or booking
/// without waiting cause, a second first visit on the same referral.
struct SkrAterbesokModel: GenerateModel {
    static let columns = [
        "id", "patient", "klinik", "besokstyp", "beslutsdatum", "maldatum", "bokad_av",
        "webbtidbok", "bokat_datum", "genomfort_datum", "orsak"
    ]

    let firstDay: Day
    let lastDay: Day
    let weekendWeight = 0.03
    let breakRate = 0.03

    private let clinics: GenerateTexts
    private let patients: Int
    private let numbers: PersonnummerMaker
    private let idWidth: Int

    struct Episode {
        var patient: UInt64
        var clinic: Int32
        var remaining: Int16
        var kind: Kind
    }

    enum Kind: UInt8 { case referral, returning, screening }

    enum VisitType: UInt8 {
        case forsta, ater, screening, operation
        var code: StaticString {
            switch self {
            case .forsta: "forsta"
            case .ater: "ater"
            case .screening: "screening"
            case .operation: "operation"
            }
        }
    }

    enum Cause: UInt8 {
        case none, PvV, MOV, SOV
        var code: StaticString {
            switch self {
            case .none: ""
            case .PvV: "PvV"
            case .MOV: "MOV"
            case .SOV: "SOV"
            }
        }
    }

    struct Visit {
        var type: VisitType
        var beslut: Day
        var mal: Day?
        var byPatient = false
        var web = false
        var booked: Day?
        var done: Day?
        var cause = Cause.none
    }

    static let clinicNames = [
        "Ortopedkliniken", "Hudkliniken", "Kardiologmottagningen", "Ögonkliniken", "Medicinkliniken, Diabetesmottagningen",
        "Öron-, näs- och halskliniken", "Reumatologen", "Urologen", "Kvinnokliniken", "Neurologen",
        "Barn- och ungdomskliniken", "Handkirurgen", "Lungkliniken", "Onkologen", "Psykiatriska kliniken, öppenvård",
        "Endokrinologen", "Kirurgkliniken", "Njurmedicin", "Infektionskliniken", "Smärtmottagningen"
    ]
    private static let intervals = [14, 28, 30, 42, 60, 90, 90, 120, 180, 180, 365]

    init(records: Int, seed: UInt64, firstDay: Day? = nil, lastDay: Day? = nil) {
        self.firstDay = firstDay ?? Day(year: 2022, month: 1, day: 1)!
        self.lastDay = lastDay ?? Day(year: 2025, month: 12, day: 31)!
        clinics = GenerateTexts(SkrAterbesokModel.clinicNames)
        patients = max(16, records / 5)
        numbers = PersonnummerMaker(seed: seed)
        idWidth = max(6, String(records).count)
    }

    mutating func start(_ rng: inout GenerateRandom) -> Episode {
        let x = rng.below(100)
        let kind: Kind = x < 55 ? .referral : (x < 95 ? .returning : .screening)
        let remaining = kind == .screening ? rng.between(2, 5) : rng.between(1, 6)
        return Episode(
            patient: numbers.make(rng.below(patients)), clinic: Int32(rng.below(clinics.count)),
            remaining: Int16(remaining), kind: kind)
    }

    mutating func step(_ e: inout Episode, day: Day, rng: inout GenerateRandom, out: inout GenerateRowWriter) -> Int? {
        var v: Visit
        switch e.kind {
        case .referral:
            v = firstVisit(day, &rng)
            e.kind = .returning
            let broken = rng.chance(breakRate * 0.3)
            write(v, e, &out)
            if broken, let done = v.done {
                // Registered twice as first visit on the same referral (andra_forsta_besok).
                var again = v
                again.booked = GenerateCalendar.workday(done.adding(days: rng.between(7, 40)), after: done)
                again.done = again.booked! > lastDay ? nil : again.booked
                write(again, e, &out)
            }
        case .returning:
            v = returnVisit(day, &rng)
            if rng.chance(0.04) {
                v.type = .operation  // an operation decided at the previous visit
            } else if rng.chance(breakRate) {
                breakRule(&v, &rng)
            }
            write(v, e, &out)
            e.remaining -= 1
        case .screening:
            v = returnVisit(day, &rng)
            v.type = .screening
            write(v, e, &out)
            e.remaining -= 1
        }
        // The next return visit is decided at this one.
        guard e.remaining > 0, let done = v.done else { return nil }
        return max(1, Day.days(from: day, to: done))
    }

    private func firstVisit(_ day: Day, _ rng: inout GenerateRandom) -> Visit {
        var v = Visit(type: .forsta, beslut: day)
        let booked = GenerateCalendar.workday(day.adding(days: rng.between(10, 90)), after: day)
        if booked > lastDay {
            v.booked = rng.chance(0.6) ? booked : nil
        } else {
            v.booked = booked
            v.done = booked
        }
        return v
    }

    /// A return visit decided on `day`, following the rules.
    private func returnVisit(_ day: Day, _ rng: inout GenerateRandom) -> Visit {
        var v = Visit(type: .ater, beslut: day)
        let interval = rng.pick(SkrAterbesokModel.intervals)
        let mal = GenerateCalendar.workday(day.adding(days: interval), after: day)
        v.mal = mal
        var booked: Day
        if rng.chance(0.15) {
            // The patient books the time: through the web booking the booked date is the måldatum.
            v.byPatient = true
            v.web = rng.chance(0.7)
            if v.web {
                booked = GenerateCalendar.workday(day.adding(days: max(7, interval - rng.below(14))), after: day)
                v.mal = booked
            } else if rng.chance(0.2) {
                booked = GenerateCalendar.workday(mal.adding(days: rng.between(3, 30)), after: mal)
                v.cause = .PvV
            } else {
                booked = GenerateCalendar.workday(mal.adding(days: -rng.below(max(1, interval / 3))), after: day)
            }
        } else {
            booked = GenerateCalendar.workday(mal.adding(days: -rng.below(max(1, interval / 3))), after: day)
            if rng.chance(0.06) {
                booked = GenerateCalendar.workday(mal.adding(days: rng.between(3, 40)), after: mal)
                v.cause = rng.chance(0.5) ? .MOV : (rng.chance(0.5) ? .SOV : .PvV)
            }
        }
        if booked <= day { booked = day.adding(days: 1) }
        if booked > lastDay.adding(days: -21) && rng.chance(0.5) {
            v.booked = nil  // not booked yet
            return v
        }
        v.booked = booked
        var done = booked
        if rng.chance(0.05) {
            done = GenerateCalendar.workday(booked.adding(days: rng.between(3, 30)), after: booked)
            if let m = v.mal, done > m, v.cause == .none { v.cause = rng.chance(0.5) ? .MOV : .SOV }
        }
        if rng.chance(0.02) { return v }  // cancelled: decided but never performed
        v.done = done > lastDay ? nil : done
        return v
    }

    /// Makes a return visit carry one mistake.
    private func breakRule(_ v: inout Visit, _ rng: inout GenerateRandom) {
        switch rng.below(6) {
        case 0:  // maldatum_saknas
            v.mal = nil
            if v.byPatient && v.web { v.web = false }
        case 1:  // webbokning_maldatum
            v.byPatient = true; v.web = true
            if v.booked == nil { v.booked = v.mal }
            v.mal = nil
        case 2: v.mal = v.beslut.adding(days: -rng.between(1, 30))  // maldatum_fore_beslut
        case 3:  // pvv_bokat_efter_maldatum
            if let m = v.mal {
                v.byPatient = true; v.web = false
                v.booked = m.adding(days: rng.between(3, 30))
                v.done = v.booked! > lastDay ? nil : v.booked
                v.cause = .none
            }
        case 4:  // bokat_efter_maldatum
            if let m = v.mal {
                v.byPatient = false; v.web = false
                v.booked = m.adding(days: rng.between(3, 30))
                v.done = nil
                v.cause = .none
            }
        default:  // aterbesok_efter_maldatum
            if let m = v.mal {
                v.byPatient = false; v.web = false
                v.booked = m
                v.done = m.adding(days: rng.between(2, 20))
                if v.done! > lastDay { v.done = nil }
                v.cause = .none
            }
        }
    }

    private func write(_ v: Visit, _ e: Episode, _ out: inout GenerateRowWriter) {
        if out.isFull { return }
        out.begin()
        out.id("ATB", out.rows + 1, width: idWidth)
        out.personnummer(e.patient, hyphen: true)
        out.text(clinics, Int(e.clinic))
        out.code(v.type.code)
        out.date(v.beslut)
        if let m = v.mal { out.date(m) } else { out.missing() }
        out.code(v.byPatient ? "patient" : "vard")
        out.bool(v.web)
        if let b = v.booked { out.date(b) } else { out.missing() }
        if let d = v.done { out.date(d) } else { out.missing() }
        if v.cause == .none { out.missing() } else { out.code(v.cause.code) }
        out.end()
    }
}
